import { useId, useState } from 'react';
import { t } from '../i18n';
import { addTags } from '../lib/customer-form';
import type { ControlProps } from './Field';

/** Tags as chips: type and press Enter or comma; Backspace on an empty box removes the last one. */
export function TagInput({
  control,
  tags,
  suggestions,
  onChange,
}: {
  control: ControlProps;
  tags: string[];
  suggestions: string[];
  onChange: (tags: string[]) => void;
}) {
  const [text, setText] = useState('');
  const listId = useId();
  const commit = () => {
    if (!text.trim()) return;
    onChange(addTags(tags, text));
    setText('');
  };
  return (
    <div className="tag-input">
      {tags.map((tag) => (
        <span key={tag} className="chip" data-testid="tag-chip">
          {tag}
          <button
            type="button"
            className="chip-remove"
            aria-label={t('customer.removeTag', { tag })}
            onClick={() => onChange(tags.filter((x) => x !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        {...control}
        list={listId}
        autoComplete="off"
        maxLength={400}
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          if (value.includes(',')) {
            onChange(addTags(tags, value));
            setText('');
          } else {
            setText(value);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Backspace' && !text && tags.length > 0) {
            onChange(tags.slice(0, -1));
          }
        }}
        onBlur={commit}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !tags.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </div>
  );
}
