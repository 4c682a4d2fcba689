declare module 'twitter-text/dist/esm/parseTweet' {
  export interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }
  const parseTweet: (text: string, config?: unknown) => ParsedTweet;
  export default parseTweet;
}
declare module 'twitter-text/dist/esm/configs' {
  const configs: {
    version1: { maxWeightedTweetLength: number };
    version2: { maxWeightedTweetLength: number };
    version3: { maxWeightedTweetLength: number };
    defaults: unknown;
  };
  export default configs;
}
declare module '*.css';
