// The dispatcher (NestJS + @nestjs/schedule + messagebird) is built by its own issue; until then it says so.
console.log('dispatcher: not built yet');
