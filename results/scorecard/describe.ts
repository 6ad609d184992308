/**
 * Plain words for numbers: metric names, values with their unit (French decimal comma in French), and
 * the short failure phrase of a criterion ("uplink 1.83 Mbit/s, above 1.5 Mbit/s on the vpn profile").
 */
import { findMetric } from '../metrics.ts';
import { parseThreshold } from '../criteria/threshold-parser.ts';
import type { CriterionRow, Lang } from './scorecard-types.ts';

const LABELS: Record<string, [fr: string, en: string]> = {
  join_time_ms: ['temps de connexion', 'join time'],
  join_success: ['connexions réussies', 'successful joins'],
  first_remote_frame_ms: ['première image reçue', 'first remote frame'],
  uplink_kbps: ['débit montant', 'uplink'],
  downlink_kbps: ['débit descendant', 'downlink'],
  kernel_uplink_kbps: ['débit montant (noyau)', 'uplink (kernel)'],
  kernel_downlink_kbps: ['débit descendant (noyau)', 'downlink (kernel)'],
  packet_loss_pct: ['perte de paquets', 'packet loss'],
  jitter_ms: ['gigue', 'jitter'],
  rtt_ms: ['aller-retour', 'round trip'],
  fps_received: ['images/s reçues', 'frames/s received'],
  fps_sent: ['images/s envoyées', 'frames/s sent'],
  frame_height_received: ['hauteur d’image reçue', 'received frame height'],
  freeze_count: ['gels vidéo', 'video freezes'],
  cpu_pct: ['CPU du navigateur', 'browser CPU'],
  audio_concealed_pct: ['audio masqué', 'concealed audio'],
  video_e2e_latency_ms: ['latence vidéo', 'video latency'],
  audio_e2e_latency_ms: ['latence audio', 'audio latency'],
  av_sync_ms: ['décalage son-image', 'lip-sync offset'],
  freeze_ratio: ['temps d’image figée', 'time frozen'],
  video_freeze_count: ['gels vus par les récepteurs', 'freezes seen by receivers'],
  frames_skipped: ['images perdues en route', 'frames lost on the way'],
  video_psnr_db: ['PSNR de l’image', 'picture PSNR'],
  video_ssim: ['SSIM de l’image', 'picture SSIM'],
  mos: ['qualité de la parole (MOS)', 'speech quality (MOS)'],
};

export function metricLabel(metric: string, lang: Lang): string {
  const label = LABELS[metric];
  return label ? label[lang === 'fr' ? 0 : 1] : metric;
}

export function formatNumber(value: number, lang: Lang, maxDigits = 2): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : value;
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: maxDigits, useGrouping: false }).format(rounded);
}

/** a metric value with its unit, scaled for reading (1830 kbps → 1.83 Mbit/s, 5200 ms → 5.2 s) */
export function formatValue(metric: string | undefined, value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const unit = metric ? findMetric(metric)?.unit : undefined;
  const n = (v: number): string => formatNumber(v, lang);
  switch (unit) {
    case 'ms':
      return Math.abs(value) >= 1000 ? `${n(value / 1000)} s` : `${n(value)} ms`;
    case 'kbps':
      return Math.abs(value) >= 1000 ? `${n(value / 1000)} Mbit/s` : `${n(value)} kbit/s`;
    case 'pct':
      return `${n(value)} %`;
    case 'ratio':
      // an SSIM is an index, not a share of anything
      return metric === 'video_ssim' ? n(value) : `${n(value * 100)} %`;
    case 'db':
      return `${n(value)} dB`;
    case 'fps':
      return `${n(value)} ${lang === 'fr' ? 'im/s' : 'fps'}`;
    case 'px':
      return `${n(value)} px`;
    case 'mb':
      return `${n(value)} ${lang === 'fr' ? 'Mo' : 'MB'}`;
    default:
      return n(value);
  }
}

const DIRECTION: Record<string, [fr: string, en: string]> = {
  '<': ['au-dessus de', 'above'],
  '<=': ['au-dessus de', 'above'],
  '>': ['en dessous de', 'below'],
  '>=': ['en dessous de', 'below'],
  '==': ['différent de', 'not equal to'],
  '===': ['différent de', 'not equal to'],
  '!=': ['égal à', 'equal to'],
};

/** why a row is not met, in a few words, for the summary sentence */
export function failurePhrase(row: CriterionRow, lang: Lang): string {
  const fr = lang === 'fr';
  if (row.kind === 'declared') {
    const title = row.title[lang];
    if (row.declared === null || row.declared === undefined) return fr ? `${title} : non renseigné` : `${title}: not declared`;
    return fr ? `${title} : ${row.declared === 'partial' ? 'partiel' : 'non'}` : `${title}: ${row.declared === 'partial' ? 'partial' : 'no'}`;
  }
  const where = row.network ? (fr ? ` sur le profil ${row.network}` : ` on the ${row.network} profile`) : '';
  const label = row.metric ? metricLabel(row.metric, lang) : row.criterionId;
  if (row.outcome === 'no-data') return fr ? `aucune mesure de ${label}${where}` : `no ${label} measured${where}`;
  if (row.outcome === 'error') return fr ? `${label} non évaluable${where}` : `${label} could not be judged${where}`;
  const threshold = row.threshold ? parseThreshold(row.threshold) : undefined;
  const direction = threshold ? DIRECTION[threshold.operator]?.[fr ? 0 : 1] : undefined;
  const limit = threshold ? formatValue(row.metric, threshold.value, lang) : '';
  if (row.participants !== undefined && row.value !== null) {
    // the value is the share passing; people read the share failing against the share tolerated
    const failing = formatNumber((1 - row.value) * 100, lang, 0);
    const allowed = formatNumber((1 - row.participants) * 100, lang, 0);
    return fr
      ? `${label} ${direction ?? ''} ${limit} pour ${failing} % des participants (${allowed} % tolérés)${where}`.replace(/ {2,}/g, ' ')
      : `${label} ${direction ?? ''} ${limit} for ${failing} % of participants (${allowed} % allowed)${where}`.replace(/ {2,}/g, ' ');
  }
  return `${label} ${formatValue(row.metric, row.value, lang)}, ${direction ?? ''} ${limit}${where}`.replace(/ {2,}/g, ' ');
}
