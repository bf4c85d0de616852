/**
 * A file input dressed as a button. The real input stays in the page (visually hidden but
 * focusable), so keyboards and screen readers use the browser's own control.
 */
import type { ChangeEvent } from 'react';

export interface FilePickerProps {
  id: string;
  /** The visible button text. */
  label: string;
  /** Words only screen readers need to tell this button from its neighbours. */
  context?: string;
  accept: string;
  capture?: 'environment' | 'user';
  multiple?: boolean;
  describedBy?: string;
  invalid?: boolean;
  onFiles(files: File[]): void;
}

export function FilePicker(props: FilePickerProps) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Reset so picking the same file again (after removing it) still fires a change.
    event.target.value = '';
    if (files.length > 0) props.onFiles(files);
  };
  return (
    <span className="file-picker">
      <input
        id={props.id}
        type="file"
        className="visually-hidden-input"
        accept={props.accept}
        capture={props.capture}
        multiple={props.multiple}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={onChange}
      />
      <label htmlFor={props.id} className="button secondary">
        {props.label}
        {props.context ? <span className="visually-hidden"> {props.context}</span> : null}
      </label>
    </span>
  );
}
