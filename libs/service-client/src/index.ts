// A typed HTTP client of the campaign service, for the Slack bot (and any other caller over HTTP).
export * from './lib/service-types';
export * from './lib/service-error';
export * from './lib/campaign-service.client';
