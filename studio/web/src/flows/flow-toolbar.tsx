/** Above the editor: the flow's name and state, save, format and (admins) deploy. */
import { useI18n } from '../i18n/i18n.tsx';

export interface FlowToolbarProps {
  flow: string;
  activeVersion: number | null;
  dirty: boolean;
  savedAt: string | null;
  canEdit: boolean;
  canDeploy: boolean;
  deploying: boolean;
  onSave(): void;
  onFormat(): void;
  onDeploy(): void;
}

export function FlowToolbar(props: FlowToolbarProps) {
  const { t } = useI18n();
  return (
    <div className="flow-toolbar">
      <h2 className="flow-title">{props.flow}</h2>
      <span className="muted small" data-testid="toolbar-version">
        {props.activeVersion !== null ? `v${props.activeVersion} ${t.active}` : t.notDeployed}
      </span>
      <span className={props.dirty ? 'save-state dirty' : 'save-state'}>
        {props.dirty
          ? t.unsaved
          : props.savedAt
            ? `${t.saved} ${new Date(props.savedAt).toLocaleTimeString()}`
            : ''}
      </span>
      <span className="spacer" />
      {!props.canEdit && <span className="badge">{t.readOnly}</span>}
      {props.canEdit && (
        <>
          <button type="button" onClick={props.onFormat}>
            {t.format}
          </button>
          <button type="button" onClick={props.onSave} disabled={!props.dirty}>
            {t.save}
          </button>
        </>
      )}
      {props.canDeploy && (
        <button
          type="button"
          className="primary"
          onClick={props.onDeploy}
          disabled={props.deploying}
          data-testid="deploy"
        >
          {props.deploying ? t.deploying : `⇪ ${t.deploy}`}
        </button>
      )}
    </div>
  );
}
