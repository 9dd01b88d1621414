import { useState } from 'react';
import type { TextSection } from '../../../shared/exports/report-document';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text laid out to paste into an e-portfolio, one box per section with its own copy button,
 * and a "copy all" for the whole record. Only shared sections ever reach this component.
 */
export function PasteReadySections({
  sections,
  title,
  onCopied,
}: {
  sections: TextSection[];
  title: string;
  /** After a successful copy, with what was copied (for the export log). */
  onCopied?: (what: string) => void;
}) {
  const [status, setStatus] = useState('');
  const all = sections.map((s) => `${s.heading.toUpperCase()}\n${s.text}`).join('\n\n');
  const announce = async (text: string, what: string) => {
    const copied = await copy(text);
    setStatus(copied ? `${what} copied to the clipboard` : 'Copying failed: select the text and copy it by hand');
    if (copied) onCopied?.(what);
  };
  return (
    <section className="stack" aria-label={title}>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void announce(all, 'All shared sections')}
        >
          Copy all shared sections
        </button>
        <span role="status" className="muted">
          {status}
        </span>
      </div>
      {sections.map((section) => (
        <div key={section.heading} className="paste-section">
          <div className="paste-section-header">
            <h3>{section.heading}</h3>
            <button
              type="button"
              className="button button-small"
              onClick={() => void announce(section.text, section.heading)}
              aria-label={`Copy ${section.heading}`}
            >
              Copy
            </button>
          </div>
          <pre className="paste-text">{section.text}</pre>
        </div>
      ))}
    </section>
  );
}
