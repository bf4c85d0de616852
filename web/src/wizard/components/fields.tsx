/**
 * Form controls wired to the store. Each one carries its label, an optional hint and its
 * error: the input gets aria-invalid and aria-describedby pointing at both, and the error is
 * printed right beside it. Ids follow `field-<name>` so errors can move focus to the field.
 */
import type { ChangeEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_BY_KEY } from '../../../../src/shared/enrollment-fields.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import type { ErrorKey, TextField as TextFieldName } from '../state/types.js';
import { RequestedNote, useRequested } from './ChangeRequest.js';

export const fieldId = (key: ErrorKey) => `field-${key}`;
export const errorId = (key: ErrorKey) => `field-${key}-error`;
const hintId = (key: ErrorKey) => `field-${key}-hint`;

export function describedBy(key: ErrorKey, options: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [options.hint ? hintId(key) : null, options.error ? errorId(key) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/**
 * The message beside a field. `live` keeps an (empty) polite live region in place for errors
 * that appear without a button press (a refused file, a mistyped VIN), so they are announced.
 */
export function FieldError({ field, message, live = false }: { field: ErrorKey; message?: string; live?: boolean }) {
  if (!live && !message) return null;
  return (
    <p id={errorId(field)} className="field-error" aria-live={live ? 'polite' : undefined}>
      {message}
    </p>
  );
}

function Label({ field, label, optional }: { field: ErrorKey; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={fieldId(field)}>
      {label}
      {optional ? <span className="optional"> {t('field.optional')}</span> : null}
    </label>
  );
}

export interface TextFieldProps {
  field: TextFieldName;
  /** The field table's label (in the chosen language) unless the form words it differently. */
  label?: string;
  hint?: ReactNode;
  optional?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  maxLength?: number;
  min?: string;
  autoCapitalize?: 'characters' | 'words' | 'none';
  /** For fields checked while typing (the VIN): their errors are announced as they appear. */
  liveError?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { field, hint, type = 'text', liveError = false } = props;
  const { t } = useTranslation();
  const { label = t(`fields.${field}`), optional = FIELD_BY_KEY[field].optional } = props;
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const error = errors[field];
  return (
    <div className={useRequested(field) ? 'field requested' : 'field'}>
      <Label field={field} label={label} optional={optional} />
      <RequestedNote field={field} />
      {hint ? (
        <p id={hintId(field)} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={fieldId(field)}
        name={field}
        type={type}
        value={values[field]}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, { hint: Boolean(hint), error: Boolean(error) || liveError })}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        min={props.min}
        autoCapitalize={props.autoCapitalize}
        spellCheck={false}
        onChange={(event: ChangeEvent<HTMLInputElement>) => actions.setValue(field, event.target.value)}
      />
      <FieldError field={field} message={error} live={liveError} />
    </div>
  );
}

export function TextAreaField({ field, label, maxLength }: { field: TextFieldName; label: string; maxLength: number }) {
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const error = errors[field];
  const value = values[field];
  const { t } = useTranslation();
  return (
    <div className={useRequested(field) ? 'field requested' : 'field'}>
      <Label field={field} label={label} optional />
      <RequestedNote field={field} />
      <p id={hintId(field)} className="hint">
        {t('field.characters', { count: value.length, max: maxLength })}
      </p>
      <textarea
        id={fieldId(field)}
        name={field}
        rows={3}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, { hint: true, error: Boolean(error) })}
        onChange={(event) => actions.setValue(field, event.target.value)}
      />
      <FieldError field={field} message={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(props: { field: TextFieldName; label: string; options: readonly SelectOption[] }) {
  const { field, label, options } = props;
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const error = errors[field];
  const { t } = useTranslation();
  return (
    <div className={useRequested(field) ? 'field requested' : 'field'}>
      <Label field={field} label={label} />
      <RequestedNote field={field} />
      <select
        id={fieldId(field)}
        name={field}
        value={values[field]}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, { error: Boolean(error) })}
        onChange={(event) => actions.setValue(field, event.target.value)}
      >
        <option value="">{t('field.choose')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError field={field} message={error} />
    </div>
  );
}
