/**
 * Payloads shaped like the sequencers' own, field for field as issue #13 gives them from the
 * tools' documentation (EmailBison: from public integrations), including the fields smtp-desk
 * ignores. Nothing a tool does not send is added (PlusVibe sends no message id).
 */

/** The whole bounced report, as Smartlead gives it in `bounce_message.html`. */
export const smartleadReportHtml =
  '<html><head><style>p{margin:0}</style></head><body><p>Delivery to the following recipient failed permanently:</p>' +
  '<p>&nbsp;&nbsp;jordan.lee@acme-industries.example</p><p>Technical details of permanent failure:<br>' +
  'The response from the remote server was:</p><p>550 5.1.1 The email account that you tried to reach does not exist. ' +
  'Please try double-checking the recipient&#39;s email address for typos or unnecessary spaces. ' +
  'For more information, go to https://support.google.com/mail/?p=NoSuchUser</p></body></html>';

export function smartleadBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'EMAIL_BOUNCE',
    event_timestamp: '2026-11-27T14:03:11.482913+00:00',
    from_email: 'ana@outreach-example.com',
    to_email: 'Jordan.Lee@Acme-Industries.example',
    stats_id: '9c1e0a44-5f3b-4d0e-9d6a-2b4f8e1c7a10',
    bounce_message: {
      // A preview, cut short.
      text: '550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the rec',
      html: smartleadReportHtml,
      time: '2026-11-27T14:03:11.000000+00:00',
    },
    is_sender_originated_bounce: false,
    sequence_number: 2,
    campaign_id: 918273,
    campaign_name: 'Q4 Heads of Ops',
    sl_email_lead_id: 1928374,
    secret_key: '',
    ...overrides,
  };
}

export function instantlyBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp: '2026-11-27T15:20:00.000Z',
    event_type: 'email_bounced',
    workspace: '6f0e3c1a-2b7d-4e59-a1c4-0d9b8e7f6a52',
    campaign_id: 'c7d1f0a2-9e3b-4c61-8f25-3a4b5c6d7e8f',
    campaign_name: 'EU Logistics – wave 3',
    lead_email: 'm.schulz@spedition-nord.example',
    email_account: 'lukas@reach-example.io',
    step: 1,
    variant: 1,
    is_first: true,
    email_id: '0193f2a7-5c1e-7d40-9b2a-6e8f1c3d5a70',
    // Lead custom fields come at the top level.
    firstName: 'Maria',
    lastName: 'Schulz',
    companyName: 'Spedition Nord',
    ...overrides,
  };
}

/** One day of one inbox from `GET /api/v2/accounts/analytics/daily`. */
export function instantlyDailyAnalytics(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2026-11-27',
    email_account: 'lukas@reach-example.io',
    sent: 120,
    bounced: 4,
    contacted: 110,
    new_leads_contacted: 60,
    opened: 41,
    unique_opened: 33,
    replies: 5,
    unique_replies: 4,
    replies_automatic: 2,
    unique_replies_automatic: 2,
    clicks: 3,
    unique_clicks: 2,
    ...overrides,
  };
}

export function lemlistBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'emailsBounced',
    _id: 'act_7Hq2kX9pLmN3vR8sT',
    createdAt: '2026-11-27T09:41:05.120Z',
    leadEmail: 'claire@agence-lumiere.example',
    sendUserEmail: 'paul@prospect-example.fr',
    sendUserMailboxId: 'usm_Kp4Lq5Mr6Ns7',
    campaignId: 'cam_Hn4Jk6Lm8Np0',
    campaignName: 'Agencies FR',
    messageId: '<lm-5f1e2d3c@prospect-example.fr>',
    emailId: 'msg_Yz3Ab4Cd5Ef6',
    sequenceStep: 0,
    errorMessage: '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus. https://www.spamhaus.org/query/ip/203.0.113.7',
    ...overrides,
  };
}

/** The whole report PlusVibe gives in `msg`. */
export const plusvibeReport = [
  'Reporting-MTA: dns; mail.growth-example.co',
  'X-Postfix-Queue-ID: 4Xk9Lm2PqRz',
  'Arrival-Date: Fri, 27 Nov 2026 18:12:40 +0000',
  '',
  'Final-Recipient: rfc822; sam@brightlabs.example',
  'Original-Recipient: rfc822;sam@brightlabs.example',
  'Action: failed',
  'Status: 5.7.1',
  'Remote-MTA: dns; mx1.brightlabs.example',
  'Diagnostic-Code: smtp; 554 5.7.1 Message rejected as spam by Content Filtering.',
].join('\n');

export function plusvibeBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    webhook_event: 'BOUNCED_EMAIL',
    date: '2026-11-27T18:12:44.000Z',
    sender_email: 'nina@growth-example.co',
    lead_email: 'sam@brightlabs.example',
    campaign_name: 'SaaS founders US',
    camp_id: '66b2e1d3f5c1b2c3d4e5f6a7',
    msg: plusvibeReport,
    workspace_name: 'Growth Example',
    lead_mx: 'mx1.brightlabs.example',
    sender_mx: 'aspmx.l.google.com',
    is_verified: 'yes',
    is_camp_paused: false,
    webhook_id: '66d4a3f5b7e3d4e5f6a7b8c9',
    ...overrides,
  };
}

export function emailbisonBounce(overrides: { event?: Record<string, unknown>; data?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    event: { type: 'EMAIL_BOUNCED', workspace_id: 14, workspace_name: 'Northwind Outbound', ...overrides.event },
    data: {
      reply: {
        id: 88231,
        type: 'Bounced',
        text_body:
          "Delivery has failed to these recipients or groups:\nd.okafor@harbor-freight.example\nThe email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
        from_email_address: 'mailer-daemon@mail.bison-example.net',
      },
      campaign_event: { id: 551204, type: 'bounce', created_at: '2026-11-27T11:05:32.000000Z' },
      scheduled_email: { id: 774512, lead_id: 30911, raw_message_id: '<20261127110501.774512@bison-example.net>' },
      campaign: { id: 312, name: 'Freight ops Q4' },
      lead: { id: 30911, email: 'd.okafor@harbor-freight.example' },
      sender_email: { id: 77, email: 'tom@bison-example.net' },
      ...overrides.data,
    },
  };
}

export const jsonLines = (payloads: readonly unknown[]) => `${payloads.map((payload) => JSON.stringify(payload)).join('\n')}\n`;
