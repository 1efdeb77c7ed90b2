import * as Progress from '@radix-ui/react-progress';
import './progress-bar.css';

interface ProgressBarProps {
  /** Names the bar for assistive technology ("Import of chat.zip"). */
  readonly label: string;
  /** 0–1, or null while the amount of work is not yet known. */
  readonly fraction: number | null;
  /** What the bar means in words ("Reading messages: 12.4 MB of 30 MB"). */
  readonly valueText: string;
}

export function ProgressBar({ label, fraction, valueText }: ProgressBarProps) {
  const value = fraction === null ? null : Math.round(Math.min(Math.max(fraction, 0), 1) * 100);
  return (
    <Progress.Root className="progress-bar" value={value} max={100} aria-label={label} getValueLabel={() => valueText}>
      <Progress.Indicator
        className={value === null ? 'progress-bar__indicator progress-bar__indicator--unknown' : 'progress-bar__indicator'}
        style={value === null ? undefined : { transform: `translateX(-${100 - value}%)` }}
      />
    </Progress.Root>
  );
}
