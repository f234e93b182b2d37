import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { fieldList, queryOf, type Params } from './graph-http';
import { deleteMedia, liveMedia, mediaNode } from './media';
import { phoneNumberNode, setPin } from './phone-numbers';
import { appendUpload, uploadSessionNode } from './profile';

/** `/{version}/{id}` itself: a media object, a phone number or an upload session, by id. */
export function registerNodeRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: Params }>('/:version/:id', async (req) => {
    const { id } = req.params;
    const media = liveMedia(ctx, id);
    if (media) return mediaNode(ctx, media);
    const number = ctx.state.numbers.get(id);
    if (number) return phoneNumberNode(number, fieldList(queryOf(req).fields));
    const upload = ctx.state.uploads.get(id);
    if (upload) return uploadSessionNode(upload);
    throw graphErrors.unknownObject(id, 'get');
  });

  app.post<{ Params: Params }>('/:version/:id', async (req) => {
    const { id } = req.params;
    const upload = ctx.state.uploads.get(id);
    if (upload) return appendUpload(ctx, upload, req);
    const number = ctx.state.numbers.get(id);
    if (number) return setPin(number, req.body);
    throw graphErrors.unknownObject(id, 'post');
  });

  app.delete<{ Params: Params }>('/:version/:id', async (req) => {
    const deleted = deleteMedia(ctx, req.params.id);
    if (!deleted) throw graphErrors.unknownObject(req.params.id, 'delete');
    return deleted;
  });
}
