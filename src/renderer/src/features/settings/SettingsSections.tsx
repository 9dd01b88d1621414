import { z } from 'zod';
import { settingsSchema, USER_ROLES, type Settings } from '../../../../shared/settings/settings-schema';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { useZodForm } from '../../components/useZodForm';
import { useUpdateSettings } from './mutations';
import { useAppInfo, useSettings } from './queries';

const profileSchema = settingsSchema.pick({ userName: true, role: true }).extend({
  role: z.preprocess((v) => (v === '' ? null : v), settingsSchema.shape.role),
});

/** "About you": the name and role printed on exports. */
export function ProfileSettings() {
  const settings = useSettings();
  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">About you</h2>
      <p className="muted">Used on exports and ARCP packs you prepare.</p>
      {settings.data ? <ProfileForm initial={settings.data} /> : <p role="status">Loading…</p>}
    </section>
  );
}

function ProfileForm({ initial }: { initial: Settings }) {
  const update = useUpdateSettings();
  const { notify } = useToast();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useZodForm(profileSchema, { defaultValues: { userName: initial.userName ?? '', role: initial.role ?? '' } });
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
          <Select {...register('role')} placeholder="Choose…" options={USER_ROLES} />
        </Field>
      </div>
      <FormError message={update.isError ? update.error.message : null} />
      <FormFooter submitLabel="Save settings" submitting={isSubmitting} />
    </form>
  );
}

/** "Your data": where the database is and which version is running. */
export function DataSettings() {
  const info = useAppInfo();
  return (
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
  );
}
