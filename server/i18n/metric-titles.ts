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
  video_e2e_latency_ms: { en: 'Video latency (glass to decode)', fr: 'Latence vidéo (capture à décodage)' },
  audio_e2e_latency_ms: { en: 'Audio latency (mouth to ear)', fr: 'Latence audio (bouche à oreille)' },
  av_sync_ms: { en: 'Lip-sync (audio minus video)', fr: 'Synchronisation labiale (audio moins vidéo)' },
  freeze_ratio: { en: 'Time frozen', fr: 'Temps d’image figée' },
  video_freeze_count: { en: 'Freezes seen by the receivers', fr: 'Gels vus par les récepteurs' },
  frames_skipped: { en: 'Frames lost on the way', fr: 'Images perdues en route' },
  video_psnr_db: { en: 'Picture fidelity (PSNR)', fr: 'Fidélité de l’image (PSNR)' },
  video_ssim: { en: 'Picture structure (SSIM)', fr: 'Structure de l’image (SSIM)' },
  mos: { en: 'Speech quality (MOS)', fr: 'Qualité de la parole (MOS)' },
};

export function metricTitle(metric: string, lang: Lang): string {
  return TITLES[metric]?.[lang] ?? metric.replaceAll('_', ' ');
}

const UNIT_LABEL: Record<string, string> = { ms: 'ms', kbps: 'kbit/s', pct: '%', fps: 'fps', px: 'px', count: '', ratio: '', mb: 'MB', db: 'dB', score: '' };

export function metricUnit(metric: string): string {
  const unit = findMetric(metric)?.unit;
  return unit ? (UNIT_LABEL[unit] ?? unit) : '';
}

/** A value with its unit, in the reader's number format; ratios as percentages. */
export function formatValue(metric: string, value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const unit = findMetric(metric)?.unit;
  // an SSIM is an index, not a share of anything
  if (unit === 'ratio' && metric !== 'video_ssim') return `${numberFormat(locale, 1).format(value * 100)} %`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = numberFormat(locale, digits).format(value);
  const label = metricUnit(metric);
  return label ? `${text} ${label}` : text;
}
