import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_registries';
import * as m0003 from './0003_orders';
import * as m0004 from './0004_finance';
import * as m0005 from './0005_server_hardening';
import * as m0006 from './0006_money';
import * as m0007 from './0007_seller_scope_index';
import * as m0008 from './0008_customers_pj';
import * as m0011 from './0011_user_locale';
import * as m0013 from './0013_job_runs';
import * as m0014 from './0014_customer_merge';
import * as m0015 from './0015_item_costs';
import * as m0016 from './0016_report_aggregates';
import * as m0017 from './0017_report_indexes';
import * as m0018 from './0018_customer_health';
import * as m0019 from './0019_home_indexes';
import * as m0020 from './0020_company_profile';
import * as m0021 from './0021_fichas';
import * as m0022 from './0022_art';
import * as m0023 from './0023_automations';
import * as m0025 from './0025_devices';

/** Static import map: a bundle cannot readdir, so every migration is listed here, in order. Never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registries': m0002,
  '0003_orders': m0003,
  '0004_finance': m0004,
  '0005_server_hardening': m0005,
  '0006_money': m0006,
  '0007_seller_scope_index': m0007,
  '0008_customers_pj': m0008,
  '0011_user_locale': m0011,
  '0013_job_runs': m0013,
  '0014_customer_merge': m0014,
  '0015_item_costs': m0015,
  '0016_report_aggregates': m0016,
  '0017_report_indexes': m0017,
  '0018_customer_health': m0018,
  '0019_home_indexes': m0019,
  '0020_company_profile': m0020,
  '0021_fichas': m0021,
  '0022_art': m0022,
  '0023_automations': m0023,
  '0025_devices': m0025,
};
