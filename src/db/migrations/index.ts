import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_totp_replay';
import * as m0004 from './0004_audit_search_indexes';
import * as m0005 from './0005_account_administration';
import * as m0006 from './0006_demo_password';
import * as m0007 from './0007_municipality_name_unique';
import * as m0008 from './0008_audit_truncate_guard';
import * as m0009 from './0009_sign_in_assurance';
import * as m0010 from './0010_consent_in_force_settings_version';
import * as m0011 from './0011_danish_search_and_order';
import * as m0012 from './0012_audit_list_households';
import * as m0013 from './0013_break_glass_bounded';
import * as m0014 from './0014_admin_approvals_and_origins';
import * as m0015 from './0015_contact_details';
import * as m0017 from './0017_household_enrolled_by';
import * as m0018 from './0018_departments_and_competences';
import * as m0019 from './0019_pair_cover';
import * as m0020 from './0020_plans_tasks';
import * as m0021 from './0021_journal_notes';
import * as m0022 from './0022_appointments';
import * as m0023 from './0023_plan_dreams_goals';
import * as m0024 from './0024_outreach_places';
import * as m0025 from './0025_outreach_import';
import * as m0027 from './0027_measures';
import * as m0028 from './0028_outreach_visits';
import * as m0030 from './0030_open_task_indexes';
import * as m0032 from './0032_enrollment';
import * as m0033 from './0033_import_at_scale';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_totp_replay': m0002,
  '0004_audit_search_indexes': m0004,
  '0005_account_administration': m0005,
  '0006_demo_password': m0006,
  '0007_municipality_name_unique': m0007,
  '0008_audit_truncate_guard': m0008,
  '0009_sign_in_assurance': m0009,
  '0010_consent_in_force_settings_version': m0010,
  '0011_danish_search_and_order': m0011,
  '0012_audit_list_households': m0012,
  '0013_break_glass_bounded': m0013,
  '0014_admin_approvals_and_origins': m0014,
  '0015_contact_details': m0015,
  '0017_household_enrolled_by': m0017,
  '0018_departments_and_competences': m0018,
  '0019_pair_cover': m0019,
  '0020_plans_tasks': m0020,
  '0021_journal_notes': m0021,
  '0022_appointments': m0022,
  '0023_plan_dreams_goals': m0023,
  '0024_outreach_places': m0024,
  '0025_outreach_import': m0025,
  '0027_measures': m0027,
  '0028_outreach_visits': m0028,
  '0030_open_task_indexes': m0030,
  '0032_enrollment': m0032,
  '0033_import_at_scale': m0033,
};
