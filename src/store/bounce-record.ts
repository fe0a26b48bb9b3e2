/** One bounce event as stored (see docs/data-model.md, bounce_events); addresses lower-case ASCII. */
export interface BounceRecord {
  occurred_at: Date;
  sending_inbox: string;
  recipient: string;
  reply_code: number | null;
  enhanced_code: string | null;
  diagnostic: string;
  category: string;
  auth_check: string | null;
  provider: string | null;
  /** The SMTP command the receiver refused (see docs/bounce-reader.md), when the text shows it; left out means unknown. */
  smtp_stage?: string | null;
  sequencer: string;
  campaign: string | null;
  external_id: string | null;
  /** The sender's side caused it (Smartlead's is_sender_originated_bounce): not counted as an invalid address; left out means false. */
  sender_originated?: boolean;
}
