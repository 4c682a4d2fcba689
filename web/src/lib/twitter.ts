// The lazy chunk: twitter-text 3.1.0's parser and its configurations.
export { default as parseTweet } from 'twitter-text/dist/esm/parseTweet';
export { default as configs } from 'twitter-text/dist/esm/configs';
