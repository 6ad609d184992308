/** Shaping a participant's link: features, plan, apply/remove, cut/restore. See docs/networks.md. */
export { shapingFeatures, type ShapingFeatures } from './shaping-features.ts';
export { planShaping, describePlan, type ShapingPlan, type ShapingPart } from './shaping-plan.ts';
export {
  applyProfile,
  removeProfileSync,
  replaceProfile,
  cutNetwork,
  restoreNetworkSync,
  listShapingSync,
  partialShapingError,
  type AppliedShaping,
} from './apply-profile.ts';
export { shapeTable, cutTable, type ShapingTarget } from './shaping-commands.ts';
