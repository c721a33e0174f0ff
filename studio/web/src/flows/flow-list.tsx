/** The tenant's flows: name, active version, numbers; a new flow starts as a draft from a template. */
import { useState } from 'react';
import type { FlowSummary } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface FlowListProps {
  flows: FlowSummary[] | null;
  selected: string | null;
  canCreate: boolean;
  onSelect(name: string): void;
  onCreate(name: string): void;
}

export function FlowList({ flows, selected, canCreate, onSelect, onCreate }: FlowListProps) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  return (
    <nav className="flow-list" aria-label={t.flows}>
      <h2>{t.flows}</h2>
      {flows === null && <p className="muted">{t.loading}</p>}
      {flows?.length === 0 && <p className="muted">{t.noFlows}</p>}
      <ul>
        {flows?.map((f) => (
          <li key={f.name}>
            <button
              type="button"
              className={f.name === selected ? 'flow-item selected' : 'flow-item'}
              onClick={() => onSelect(f.name)}
              data-flow={f.name}
            >
              <span className="flow-name">{f.name}</span>
              <span className="flow-meta">
                {f.activeVersion !== null ? `v${f.activeVersion} ${t.active}` : t.notDeployed}
                {f.draft ? ` · ${t.draft}` : ''}
              </span>
              {f.numbers.length > 0 && <span className="flow-numbers">{f.numbers.join(', ')}</span>}
            </button>
          </li>
        ))}
      </ul>
      {canCreate &&
        (creating ? (
          <form
            className="new-flow"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) onCreate(name.trim());
              setCreating(false);
              setName('');
            }}
          >
            <input
              aria-label={t.newFlowName}
              placeholder={t.newFlowName}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </form>
        ) : (
          <button type="button" className="link" onClick={() => setCreating(true)}>
            + {t.newFlow}
          </button>
        ))}
    </nav>
  );
}

/** The text a new flow starts with: valid once the analyst picks a number and a queue. */
export function newFlowSource(name: string): string {
  return `flow "${name.replace(/"/g, '\\"')}"\n  answers "0800000000"\n  language ru\n\n  say "Добрый день!"\n  hangup\n`;
}
