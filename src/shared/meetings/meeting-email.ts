import { formatUkDate } from '../dates';
import { labelOf } from '../labelled-enum';
import { ACTION_OWNERS, type SharedMeeting } from './meeting-types';

/**
 * Mail clients and the OS hand-off refuse very long mailto links (about 2,000 characters on
 * Windows), so the body is shortened to fit, with a line saying so.
 */
export const MAILTO_MAX_LENGTH = 1900;
const SHORTENED = '\n\n[Shortened to fit an email link; the full summary is in the 1:1 record.]';

export interface MailRecipient {
  email: string | null;
  /** How the trainee is greeted. */
  name: string;
}

function mailtoUrl(address: string, subject: string, body: string): string {
  // RFC 6068: the address stays readable; subject and body are percent-encoded (line breaks as %0D%0A).
  const to = encodeURIComponent(address).replace(/%40/g, '@');
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  return `mailto:${to}?subject=${encode(subject)}&body=${encode(body)}`;
}

/**
 * A draft email of a 1:1's shared summary and agreed actions, addressed to the trainee; null
 * when the trainee has no email address. It takes a SharedMeeting, which has no private notes
 * or wellbeing field, so nothing private can reach the draft.
 */
export function meetingSummaryMailto(recipient: MailRecipient, meeting: SharedMeeting): string | null {
  const address = recipient.email?.trim();
  if (!address) return null;
  const when = formatUkDate(meeting.heldOn);
  const subject = `Summary of our 1:1 on ${when}`;
  const actions = meeting.actions.map(
    (a) =>
      `- ${a.description} (${labelOf(ACTION_OWNERS, a.owner)}, by ${formatUkDate(a.dueOn)})${a.doneOn ? ' – done' : ''}`,
  );
  const opening = `Dear ${recipient.name},\n\nThank you for our ${meeting.meetingTypeLabel.toLowerCase()} on ${when}. Here is the summary we agreed.\n\n`;
  const tail =
    (actions.length ? `\n\nAgreed actions:\n${actions.join('\n')}` : '\n\nNo actions were agreed.') +
    (meeting.nextDueOn ? `\n\nOur next 1:1: ${formatUkDate(meeting.nextDueOn)}.` : '');
  const summary = meeting.sharedSummary.trim() || 'No summary was recorded.';
  const full = mailtoUrl(address, subject, opening + summary + tail);
  if (full.length <= MAILTO_MAX_LENGTH) return full;
  // Too long: keep the opening and shorten the summary and actions, whole characters at a time
  // (code points, so an emoji is never split into a half that cannot be encoded).
  const rest = Array.from(summary + tail);
  const shortened = (n: number) =>
    mailtoUrl(address, subject, opening + rest.slice(0, n).join('').trimEnd() + '…' + SHORTENED);
  let low = 0;
  let high = rest.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (shortened(mid).length <= MAILTO_MAX_LENGTH) low = mid;
    else high = mid - 1;
  }
  return shortened(low);
}
