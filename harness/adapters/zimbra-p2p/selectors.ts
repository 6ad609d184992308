/**
 * The lab's peer-to-peer call page (harness/lab/zimbra-p2p/page): Zimbra Connect's own client is closed
 * source and publishes no selectors, so these are the lab page's, not Zimbra's.
 */
export const SELECTORS = {
  join: '[data-testid="join-call"]',
  inCall: '[data-testid="call-view"]',
  leave: '[data-testid="leave-call"]',
  error: '[role="alert"]',
} as const;
