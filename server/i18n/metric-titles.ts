/** Plain-language names of the metrics for the scorecard, in both languages, and how to print a value. */
import { findMetric } from '../../results/metrics.ts';
import type { Lang } from './messages.ts';
import { numberFormat } from './formatters.ts';

const TITLES: Record<string, { en: string; fr: string }> = {
  join_time_ms: { en: 'Join time', fr: 'Temps de connexion' },
  join_success: { en: 'Join success', fr: 'Connexions réussies' },
  first_remote_frame_ms: { en: 'First remote image', fr: 'Première image reçue' },
  uplink_kbps: { en: 'Uplink bitrate', fr: 'Débit montant' },
  downlink_kbps: { en: 'Downlink bitrate', fr: 'Débit descendant' },
  packet_loss_pct: { en: 'Packet loss', fr: 'Perte de paquets' },
  jitter_ms: { en: 'Jitter', fr: 'Gigue' },
  rtt_ms: { en: 'Round-trip time', fr: 'Aller-retour réseau' },
  fps_received: { en: 'Frames per second received', fr: 'Images par seconde reçues' },
  fps_sent: { en: 'Frames per second sent', fr: 'Images par seconde envoyées' },
  freeze_count: { en: 'Video freezes', fr: 'Gels de l’image' },
  cpu_pct: { en: 'Browser CPU', fr: 'Processeur du navigateur' },
  memory_mb: { en: 'Browser memory', fr: 'Mémoire du navigateur' },
  screen_uplink_kbps: { en: 'Screen share sent', fr: 'Partage d’écran envoyé' },
  screen_downlink_kbps: { en: 'Screen share received', fr: 'Partage d’écran reçu' },
  screen_fps_sent: { en: 'Screen share frames per second sent', fr: 'Images par seconde du partage envoyées' },
  screen_fps_received: { en: 'Screen share frames per second received', fr: 'Images par seconde du partage reçues' },
  camera_uplink_kbps: { en: 'Camera sent', fr: 'Caméra envoyée' },
  camera_downlink_kbps: { en: 'Cameras received', fr: 'Caméras reçues' },
  camera_fps_received: { en: 'Camera frames per second received', fr: 'Images par seconde des caméras reçues' },
  talk_time_pct: { en: 'Talk time', fr: 'Temps de parole' },
};

export function metricTitle(metric: string, lang: Lang): string {
  return TITLES[metric]?.[lang] ?? metric.replaceAll('_', ' ');
}

const UNIT_LABEL: Record<string, string> = { ms: 'ms', kbps: 'kbit/s', pct: '%', fps: 'fps', px: 'px', count: '', ratio: '', mb: 'MB' };

export function metricUnit(metric: string): string {
  const unit = findMetric(metric)?.unit;
  return unit ? (UNIT_LABEL[unit] ?? unit) : '';
}

/** A value with its unit, in the reader's number format; ratios as percentages. */
export function formatValue(metric: string, value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const unit = findMetric(metric)?.unit;
  if (unit === 'ratio') return `${numberFormat(locale, 1).format(value * 100)} %`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = numberFormat(locale, digits).format(value);
  const label = metricUnit(metric);
  return label ? `${text} ${label}` : text;
}
