/**
 * The criteria file the seeded runs are judged with, as a DSI would write it: seven measured criteria
 * and the declared ones (licence, self-hosting, LDAP, recording, ...) for every seeded platform, each
 * value with its source. The seed judges its trials with the project's criteria engine
 * (results/scorecard/score-run.ts) through this file: there is no second evaluator here.
 */
import { stringify } from 'yaml';
import { criteriaFileSchema, type CriteriaFile } from '../criteria/criteria-schema.ts';

const t = (en: string, fr: string): { en: string; fr: string } => ({ en, fr });

const declared = (
  id: string,
  title: { en: string; fr: string },
  level: 'error' | 'warn',
  weight: number,
  values: Record<string, [value: boolean | 'partial', source: string, note?: string]>,
): CriteriaFile['declared'][number] => ({
  id,
  title,
  level,
  weight,
  values: Object.fromEntries(Object.entries(values).map(([platform, [value, source, note]]) => [platform, { value, source, ...(note ? { note } : {}) }])),
});

export const SEED_CRITERIA: CriteriaFile = criteriaFileSchema.parse({
  version: 1,
  defaults: { level: 'error', acrossRepeats: 'median', noData: 'fail' },
  platforms: {
    janus: { name: 'Janus' },
    galene: { name: 'Galène' },
    'jitsi-meet': { name: 'Jitsi Meet' },
    'zimbra-connect': { name: 'Zimbra Connect' },
    bigbluebutton: { name: 'BigBlueButton' },
  },
  measured: [
    {
      id: 'join-time',
      metric: 'join_time_ms',
      threshold: 'p(95) < 5000',
      weight: 3,
      title: t('95 % of joins under 5 s', '95 % des connexions en moins de 5 s'),
    },
    {
      id: 'join-success',
      metric: 'join_success',
      threshold: 'rate >= 0.99',
      weight: 3,
      title: t('At least 99 % of joins succeed', 'Au moins 99 % des connexions réussissent'),
    },
    {
      id: 'uplink',
      metric: 'uplink_kbps',
      threshold: 'avg >= 300',
      level: 'warn',
      title: t('Uplink of at least 300 kbit/s', 'Débit montant d’au moins 300 kbit/s'),
    },
    {
      id: 'downlink',
      metric: 'downlink_kbps',
      threshold: 'avg >= 500',
      level: 'warn',
      title: t('Downlink of at least 500 kbit/s', 'Débit descendant d’au moins 500 kbit/s'),
    },
    { id: 'packet-loss', metric: 'packet_loss_pct', threshold: 'p(95) < 2', weight: 2, title: t('Packet loss under 2 %', 'Perte de paquets sous 2 %') },
    { id: 'rtt', metric: 'rtt_ms', threshold: 'p(95) < 150', level: 'warn', title: t('Round trip under 150 ms', 'Aller-retour sous 150 ms') },
    { id: 'fps', metric: 'fps_received', threshold: 'avg >= 20', level: 'warn', title: t('At least 20 images/s received', 'Au moins 20 images/s reçues') },
  ],
  declared: [
    declared('open-source-licence', t('Open-source licence', 'Licence libre'), 'error', 2, {
      janus: [true, 'https://github.com/meetecho/janus-gateway/blob/master/COPYING', 'GPLv3'],
      galene: [true, 'https://github.com/jech/galene/blob/master/LICENCE', 'MIT'],
      'jitsi-meet': [true, 'https://github.com/jitsi/jitsi-meet/blob/master/LICENSE', 'Apache 2.0'],
      'zimbra-connect': [false, 'Zimbra licence agreement', 'proprietary add-on'],
      bigbluebutton: [true, 'https://github.com/bigbluebutton/bigbluebutton/blob/develop/LICENSE', 'LGPLv3'],
    }),
    declared('self-hosting', t('Self-hosted on our servers', 'Hébergement sur nos serveurs'), 'error', 2, {
      janus: [true, 'Debian package janus'],
      galene: [true, 'https://galene.org/'],
      'jitsi-meet': [true, 'Debian packages of the Jitsi project'],
      'zimbra-connect': [true, 'Zimbra on-premises edition'],
      bigbluebutton: [true, 'bbb-install on Ubuntu'],
    }),
    declared('sso-ldap', t('Sign-in through our LDAP directory', 'Authentification par notre annuaire LDAP'), 'warn', 2, {
      janus: ['partial', 'Janus admin API', 'through the application that embeds Janus'],
      galene: ['partial', 'https://galene.org/galene-install.html', 'authorisation server to write'],
      'jitsi-meet': [true, 'Prosody LDAP authentication module'],
      'zimbra-connect': [true, 'Zimbra account directory'],
      bigbluebutton: [true, 'Greenlight LDAP sign-in'],
    }),
    declared('recording', t('Meeting recording', 'Enregistrement des réunions'), 'warn', 1, {
      janus: [true, 'Janus record & play plugin'],
      galene: [true, 'https://galene.org/galene.html'],
      'jitsi-meet': [true, 'Jibri'],
      'zimbra-connect': [false, 'vendor answer of 2026-10'],
      bigbluebutton: [true, 'built in'],
    }),
    declared('mobile-apps', t('Mobile apps', 'Applications mobiles'), 'warn', 1, {
      janus: [false, 'to check with the integrator'],
      galene: [false, 'mobile browser only'],
      'jitsi-meet': [true, 'Jitsi Meet for Android and iOS'],
      'zimbra-connect': [true, 'Zimbra Connect app'],
      bigbluebutton: ['partial', 'mobile browser', 'no native app'],
    }),
  ],
});

/** The same criteria as a YAML file, for `meetbench serve --criteria FILE` over a seeded data directory. */
export function seedCriteriaYaml(): string {
  return `# Criteria of the seeded runs (results/seed/seed-criteria.ts)\n${stringify(SEED_CRITERIA)}`;
}
