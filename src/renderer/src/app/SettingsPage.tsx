import { BackupSettings } from '../features/backups';
import { ExportLogSettings } from '../features/export-log';
import { InsightsSettings } from '../features/insights';
import { LockSettings } from '../features/lock';
import { MeetingTemplatesSettings } from '../features/meetings';
import { DataSettings, ProfileSettings, RetentionSettings, useSettings } from '../features/settings';
import { SupportCatalogueSettings } from '../features/support';

/** The Settings page: each feature contributes its own section; the app decides the order. */
export function SettingsPage() {
  const settings = useSettings();
  if (!settings.data) return <p role="status">Loading…</p>;
  return (
    <div className="page">
      <h1>Settings</h1>
      <ProfileSettings />
      <MeetingTemplatesSettings />
      <SupportCatalogueSettings />
      <BackupSettings />
      <LockSettings />
      <InsightsSettings />
      <ExportLogSettings />
      <RetentionSettings />
      <DataSettings />
    </div>
  );
}
