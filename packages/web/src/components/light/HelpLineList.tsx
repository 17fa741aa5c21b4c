import { PhoneOutlined } from '@ant-design/icons-svg';
import Icon from './Icon';

export interface HelpLine {
  name: string;
  number: string;
}

/**
 * The help lines a student is shown (after a screening, beside their letters): large tap targets that dial,
 * the number without its separators for the phone, as printed for the eye. `callLabel` is what a screen
 * reader says for a line, in the page's own words.
 */
export default function HelpLineList({
  lines,
  callLabel,
  gap = 8,
}: {
  lines: readonly HelpLine[];
  callLabel: (line: HelpLine) => string;
  gap?: number;
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap }}>
      {lines.map((h) => (
        <li key={h.number}>
          <a
            className="yx-help-line"
            href={`tel:${h.number.replace(/[^\d+]/g, '')}`}
            data-testid="help-line"
            aria-label={callLabel(h)}
          >
            <Icon icon={PhoneOutlined} />
            <span style={{ display: 'flex', flexDirection: 'column' }}>
              <span>{h.name}</span>
              <span className="yx-help-number">{h.number}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
