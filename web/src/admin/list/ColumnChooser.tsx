/**
 * Which columns the list shows, remembered on the server for each admin (so the choice follows
 * them to any browser). A change applies at once and is saved in the background; a failed save
 * says so and keeps the choice for this visit.
 */
import { useState } from 'react';
import { type ListColumn, savePreferences } from '../api.js';
import { COLUMN_LABELS } from '../labels.js';

export const ALL_COLUMNS = Object.keys(COLUMN_LABELS) as ListColumn[];

interface Props {
  columns: ListColumn[];
  onChange(columns: ListColumn[]): void;
}

export function ColumnChooser({ columns, onChange }: Props) {
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const toggle = async (column: ListColumn, shown: boolean) => {
    // Kept in the canonical order, so ticking a box never shuffles the other columns.
    const next = ALL_COLUMNS.filter((c) => (c === column ? shown : columns.includes(c)));
    onChange(next);
    setSaved(false);
    try {
      await savePreferences(next);
      setSaveError(null);
      setSaved(true);
    } catch (error) {
      setSaveError(`Your column choice could not be saved: ${(error as Error).message}`);
    }
  };

  return (
    <details className="column-chooser">
      <summary>
        Columns <span className="muted">({columns.length + 2} shown)</span>
      </summary>
      <fieldset>
        <legend>Show these columns (name and tech ID are always shown)</legend>
        <div className="checkbox-grid">
          {ALL_COLUMNS.map((column) => (
            <label key={column} className="checkbox">
              <input
                type="checkbox"
                checked={columns.includes(column)}
                onChange={(event) => void toggle(column, event.target.checked)}
              />
              {COLUMN_LABELS[column]}
            </label>
          ))}
        </div>
      </fieldset>
      <p role="status" className={saveError ? 'field-error' : 'muted'} data-testid="columns-saved">
        {saveError ?? (saved ? 'Saved for your account.' : '')}
      </p>
    </details>
  );
}
