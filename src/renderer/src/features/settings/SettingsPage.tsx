import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { settingsSchema, USER_ROLES, type Settings } from '../../../../shared/settings/settings-schema';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { useAppInfo, useSettings, useUpdateSettings } from '../trainees/queries';
import { EverydaySettings } from '../meetings/EverydaySettings';

const profileSchema = settingsSchema.pick({ userName: true, role: true }).extend({
  role: z.preprocess((v) => (v === '' ? null : v), settingsSchema.shape.role),
});
type ProfileValues = { userName: string; role: string };
type Profile = Pick<Settings, 'userName' | 'role'>;

export function SettingsPage() {
  const settings = useSettings();
  const info = useAppInfo();
  if (!settings.data) return <p role="status">Loading…</p>;
  return (
    <div className="page">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">About you</h2>
        <p className="muted">Used on exports and ARCP packs you prepare.</p>
        <ProfileForm initial={settings.data} />
      </section>
      <EverydaySettings />
      <section className="card" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>Everything stays on this computer, encrypted. The app makes no network requests.</p>
        <dl className="details">
          <div>
            <dt>Database file</dt>
            <dd className="mono">{info.data?.databaseFile ?? '…'}</dd>
          </div>
          <div>
            <dt>App version</dt>
            <dd>{info.data?.version ?? '…'}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

function ProfileForm({ initial }: { initial: Settings }) {
  const update = useUpdateSettings();
  const { notify } = useToast();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<ProfileValues, unknown, Profile>({
    defaultValues: { userName: initial.userName ?? '', role: initial.role ?? '' },
    resolver: zodResolver(profileSchema) as unknown as Resolver<ProfileValues, unknown, Profile>,
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        await update.mutateAsync(values);
        notify('Settings saved');
      })}
    >
      <div className="form-grid">
        <Field
          label="Your name"
          hint="As it should appear on exports, e.g. Dr Jo Bloggs"
          error={errors.userName?.message}
        >
          <input {...register('userName')} autoComplete="name" />
        </Field>
        <Field label="Your role" error={errors.role?.message}>
          <select {...register('role')}>
            <option value="">Choose…</option>
            {USER_ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {update.isError ? (
        <div className="alert alert-error" role="alert">
          {update.error.message}
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          Save settings
        </button>
      </div>
    </form>
  );
}
