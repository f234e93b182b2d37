import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { bodySummaries, fieldList, findNumber, queryOf, type Params } from './graph-http';
import { isHttpUrl, isObj, optionalString, type Obj } from './params';
import { VERTICALS } from './schemas';
import type { BusinessProfile, UploadSession } from './state';

const PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical', 'messaging_product'];
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'video/mp4', 'application/pdf'];

function profileNode(profile: BusinessProfile, fields: string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    about: profile.about,
    address: profile.address,
    description: profile.description,
    email: profile.email,
    messaging_product: 'whatsapp',
    profile_picture_url: profile.profilePictureUrl,
    websites: profile.websites,
    vertical: profile.vertical,
  };
  const wanted = fields ?? PROFILE_FIELDS;
  const unknown = wanted.find((f) => !PROFILE_FIELDS.includes(f));
  if (unknown) throw graphErrors.nonexistingField(unknown, 'WhatsAppBusinessProfile');
  const out: Record<string, unknown> = { messaging_product: 'whatsapp' };
  for (const f of wanted) if (all[f] !== undefined && all[f] !== '') out[f] = all[f];
  return out;
}

/** Applies a profile update after checking Meta's field limits; nothing changes on error. */
function updateProfile(ctx: EmulatorContext, profile: BusinessProfile, body: Obj): BusinessProfile {
  const product = body.messaging_product;
  if (product !== 'whatsapp') throw graphErrors.invalidParameter(product === undefined ? 'The parameter messaging_product is required.' : `Param messaging_product must be one of {WHATSAPP} - got "${String(product)}".`);
  const next: BusinessProfile = { ...profile };
  const about = optionalString(body, 'about', 'about', { min: 1, max: 139 });
  if (about !== undefined) next.about = about;
  const address = optionalString(body, 'address', 'address', { max: 256 });
  if (address !== undefined) next.address = address;
  const description = optionalString(body, 'description', 'description', { max: 512 });
  if (description !== undefined) next.description = description;
  const email = optionalString(body, 'email', 'email', { max: 128 });
  if (email !== undefined) {
    if (email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw graphErrors.invalidParameter('Param email must be a valid email address.');
    next.email = email;
  }
  if (body.websites !== undefined) {
    const websites = body.websites;
    if (!Array.isArray(websites) || !websites.every((w): w is string => typeof w === 'string')) throw graphErrors.invalidParameter('Param websites must be an array of strings.');
    if (websites.length > 2) throw graphErrors.invalidParameter('Param websites must have at most 2 elements.');
    for (const w of websites) {
      if ([...w].length > 256) throw graphErrors.invalidParameter('Each website must be at most 256 characters long.');
      if (!isHttpUrl(w)) throw graphErrors.invalidParameter(`Param websites must hold http or https URLs - got "${w}".`);
    }
    next.websites = websites;
  }
  const vertical = optionalString(body, 'vertical', 'vertical');
  if (vertical !== undefined) {
    if (!(VERTICALS as readonly string[]).includes(vertical)) throw graphErrors.invalidParameter(`Param vertical must be one of {${VERTICALS.join(', ')}} - got "${vertical}".`);
    next.vertical = vertical as BusinessProfile['vertical'];
  }
  const handle = optionalString(body, 'profile_picture_handle', 'profile_picture_handle');
  if (handle !== undefined) {
    const upload = ctx.state.handles.get(handle);
    if (!upload) throw graphErrors.invalidParameter('Param profile_picture_handle is not a valid upload handle.');
    const pictureId = randomBytes(8).toString('hex');
    ctx.state.pictures.set(pictureId, upload);
    next.profilePictureUrl = new URL(`/_emulator/pictures/${pictureId}`, ctx.baseUrl()).toString();
  }
  return next;
}

/** GET /upload:<session>: where a resumable upload stands. */
export function uploadSessionNode(session: UploadSession): Record<string, unknown> {
  return { id: session.id, file_offset: session.bytes.length };
}

/** POST /upload:<session> with the raw bytes (header file_offset). */
export function appendUpload(ctx: EmulatorContext, session: UploadSession, req: FastifyRequest): Record<string, unknown> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  bodySummaries.set(req, { bytes: body.length, fileOffset: req.headers.file_offset ?? null });
  const offset = Number(req.headers.file_offset ?? 0);
  if (offset !== session.bytes.length) throw graphErrors.invalidParameter(`file_offset ${offset} does not match the uploaded size ${session.bytes.length}.`);
  if (body.length === 0) throw graphErrors.invalidParameter('The request body must hold the file bytes.');
  const bytes = Buffer.concat([session.bytes, body]);
  if (bytes.length > session.fileLength) throw graphErrors.invalidParameter(`More bytes than file_length (${session.fileLength}).`);
  session.bytes = bytes;
  if (bytes.length < session.fileLength) return uploadSessionNode(session);
  const handle = `4::${randomBytes(24).toString('base64')}`;
  ctx.state.handles.set(handle, { bytes, fileType: session.fileType });
  return { h: handle };
}

export function registerProfileRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: Params }>('/:version/:id/whatsapp_business_profile', async (req) => {
    const number = findNumber(ctx, req.params.id, 'get');
    return { data: [profileNode(number.profile, fieldList(queryOf(req).fields))] };
  });

  app.post<{ Params: Params }>('/:version/:id/whatsapp_business_profile', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    number.profile = updateProfile(ctx, number.profile, isObj(req.body) ? req.body : {});
    return { success: true };
  });

  app.post<{ Params: Params }>('/:version/:id/uploads', async (req) => {
    const query = queryOf(req);
    const fileLength = Number(query.file_length);
    if (!Number.isInteger(fileLength) || fileLength < 1) throw graphErrors.invalidParameter('Param file_length must be a positive integer.');
    const fileType = query.file_type ?? '';
    if (!UPLOAD_TYPES.includes(fileType)) throw graphErrors.invalidParameter(`Param file_type must be one of {${UPLOAD_TYPES.join(', ')}} - got "${fileType}".`);
    const id = `upload:${randomBytes(18).toString('base64url')}`;
    ctx.state.uploads.set(id, { id, fileName: query.file_name ?? 'file', fileLength, fileType, bytes: Buffer.alloc(0) });
    return { id };
  });

  app.get<{ Params: { pictureId: string } }>('/_emulator/pictures/:pictureId', async (req, reply) => {
    const picture = ctx.state.pictures.get(req.params.pictureId);
    if (!picture) return reply.code(404).send({ error: 'no such picture' });
    return reply.header('content-type', picture.fileType).send(picture.bytes);
  });
}
