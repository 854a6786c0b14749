// The campaign service (NestJS + MikroORM) is built by its own issue; until then it says so.
console.log('campaign-service: not built yet');
