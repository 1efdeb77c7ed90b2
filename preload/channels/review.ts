/** Review decisions, Article 8 assessments, progress and the custodian check pack. */
export const reviewChannels = {} as const;
