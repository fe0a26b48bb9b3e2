/**
 * Payloads shaped like the sequencers' own: the fields their docs and real deliveries carry,
 * including the ones smtp-desk ignores.
 */

export function smartleadBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    webhook_id: 48213,
    webhook_name: 'Bounces to smtp-desk',
    webhook_url: 'https://desk.example.com/webhooks/smartlead',
    event_type: 'EMAIL_BOUNCE',
    event_timestamp: '2026-11-27T14:03:11.482Z',
    campaign_id: 918273,
    campaign_name: 'Q4 Heads of Ops',
    campaign_status: 'ACTIVE',
    client_id: null,
    sequence_number: 2,
    stats_id: '9c1e0a44-5f3b-4d0e-9d6a-2b4f8e1c7a10',
    from_email: 'Ana Ruiz <ana@outreach-example.com>',
    to_email: 'Jordan.Lee@Acme-Industries.example',
    to_name: 'Jordan Lee',
    sl_email_lead_id: 1928374,
    sl_email_lead_map_id: 5647382,
    sl_lead_email: 'jordan.lee@acme-industries.example',
    subject: 'Quick question about your ops stack',
    sent_message: {
      message_id: '<a1b2c3d4@outreach-example.com>',
      html: '<div>Hi Jordan, quick question…</div>',
      text: 'Hi Jordan, quick question…',
      time: '2026-11-27T14:02:58.000Z',
    },
    bounce_message: {
      message_id: '<bounce-77@mx.google.com>',
      html: '',
      text: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser",
      time: '2026-11-27T14:03:11.000Z',
    },
    secret_key: '',
    app_url: 'https://app.smartlead.ai/app/email-campaign/918273/analytics',
    description: 'Email bounced',
    metadata: { webhook_created_at: '2026-10-01T09:00:00.000Z' },
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
    unibox_url: 'https://app.instantly.ai/app/unibox?thread_search=m.schulz@spedition-nord.example',
    step: 1,
    variant: 1,
    is_first: true,
    firstName: 'Maria',
    lastName: 'Schulz',
    companyName: 'Spedition Nord',
    ...overrides,
  };
}

export function lemlistBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: 'act_7Hq2kX9pLmN3vR8sT',
    type: 'emailsBounced',
    isFirst: true,
    createdAt: '2026-11-27T09:41:05.120Z',
    teamId: 'tea_Zk3Jq8WnP2xY',
    leadId: 'lea_Qm5Rt7Vx9Zb2',
    campaignId: 'cam_Hn4Jk6Lm8Np0',
    campaignName: 'Agencies FR',
    sequenceId: 'seq_Ab1Cd2Ef3Gh4',
    sequenceStep: 0,
    emailTemplateId: 'etp_Ij5Kl6Mn7Op8',
    leadEmail: 'claire@agence-lumiere.example',
    leadFirstName: 'Claire',
    leadLastName: 'Martin',
    leadCompanyName: 'Agence Lumière',
    sendUserId: 'usr_Qr9St0Uv1Wx2',
    sendUserEmail: 'paul@prospect-example.fr',
    sendUserName: 'Paul Durand',
    errorMessage: '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus. https://www.spamhaus.org/query/ip/203.0.113.7',
    emailId: 'msg_Yz3Ab4Cd5Ef6',
    metaData: { source: 'api' },
    ...overrides,
  };
}

export function plusvibeBounce(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    webhook_event: 'BOUNCED_EMAIL',
    workspace_id: '66a1f0c2e4b0a1b2c3d4e5f6',
    camp_id: '66b2e1d3f5c1b2c3d4e5f6a7',
    campaign_name: 'SaaS founders US',
    lead_id: '66c3f2e4a6d2c3d4e5f6a7b8',
    lead_email: 'sam@brightlabs.example',
    first_name: 'Sam',
    sender_email: 'nina@growth-example.co',
    message_id: '<pv-20261127-8842@growth-example.co>',
    bounce_type: 'HARD',
    date: '2026-11-27T18:12:44.000Z',
    msg: '554 5.7.1 Message rejected as spam by Content Filtering.',
    ...overrides,
  };
}

export const jsonLines = (payloads: readonly unknown[]) => `${payloads.map((payload) => JSON.stringify(payload)).join('\n')}\n`;
