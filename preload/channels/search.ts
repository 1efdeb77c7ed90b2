/** Search, keyword lists and the search index: the channels the Search screen uses. */
export const searchChannels = {} as const;
