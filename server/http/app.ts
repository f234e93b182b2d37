import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../services/context';
import { installErrorHandler } from './errors';
import { routeModules } from './routes';
import type { RouteModule } from './types';
import { registerWeb } from './web';

/** The Fastify instance with every REST route and the OpenAPI document (socket.io attaches to its server). */
export async function buildHttp(ctx: ServiceContext, extraRoutes: RouteModule[] = []): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    // Request lines carry search terms and ids: only at debug level (no personal data at info).
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Go Personal Desk API', version: '1.0.0', description: 'REST API v1 of the Go Personal Desk backend.' },
      servers: [{ url: ctx.config.publicUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  for (const register of [...routeModules, ...extraRoutes]) register(app, ctx);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The renderer's web build at / (wall screens, end-to-end tests).
  await registerWeb(app);
  return app;
}
