/**
 * Submissions per week as a bar chart drawn with plain boxes. Each bar is a list item whose
 * words ("Week of Mar 2, 2026: 4 submissions") are what screen readers read, the drawing being
 * for the eye only; the same numbers are also in a real table anyone can expand.
 */
import { formatCalendarDate } from '../format.js';

interface Week {
  weekStart: string;
  count: number;
}

export function WeeklyChart({ weeks }: { weeks: Week[] }) {
  const highest = Math.max(1, ...weeks.map((w) => w.count));
  const total = weeks.reduce((sum, w) => sum + w.count, 0);
  return (
    <section aria-labelledby="weekly-heading" className="panel wide">
      <h2 id="weekly-heading">Submissions per week</h2>
      <p className="muted">
        {total} submission{total === 1 ? '' : 's'} in the last {weeks.length} weeks.
      </p>
      <ol className="bar-chart">
        {weeks.map((week) => (
          <li key={week.weekStart} className="bar-column">
            <span className="visually-hidden">
              Week of {formatCalendarDate(week.weekStart)}: {week.count} submission{week.count === 1 ? '' : 's'}
            </span>
            <span className="bar-count" aria-hidden="true">
              {week.count}
            </span>
            <span className="bar" style={{ height: `${(week.count / highest) * 100}%` }} />
            <span className="bar-label" aria-hidden="true">
              {formatCalendarDate(week.weekStart).replace(/,? \d{4}$/, '')}
            </span>
          </li>
        ))}
      </ol>
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        <table>
          <caption className="visually-hidden">Submissions per week</caption>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <th scope="col">Submissions</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <td>{formatCalendarDate(week.weekStart)}</td>
                <td>{week.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
