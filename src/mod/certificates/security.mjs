// The security fixtures of the certificates module's routes (module.c), read by
// tests/http/security_world.mjs (FIXTURES says what a line holds). The certificates they use
// are the courses module's (its world() issues them for a course whose class was yesterday):
// certificate (the owner's, read and checked), certificateRevokeApi and certificateRevokePage.

const WHOLE = 'a certificate is read whole by its holder and by the staff of its kind over its division';

export const fixtures = () => ({
  'GET /api/v1/certificates/verify': { perm: 'public', query: (w) => `?code=${encodeURIComponent(w.certificateCode)}` },
  'GET /api/v1/certificates/{id}': { perm: 'logged_in', p: { id: 'certificate' }, access: { perms: ['courses_manage'], owner: 'owner', why: WHOLE } },
  'POST /api/v1/certificates/{id}/revoke': { perm: 'certificates_manage', p: { id: 'certificateRevokeApi' }, phase: 2, json: (w, c) => ({ reason: c.t('certificate.reason') }) },
  'GET /api/v1/me/certificates': { perm: 'logged_in' },
  'GET /certificates/verify': { perm: 'public', query: (w) => `?code=${encodeURIComponent(w.certificateCode)}` },
  'GET /certificates/{code}': { perm: 'public', p: { code: 'certificateCode' } },
  'GET /certificates/{id}/print': { perm: 'logged_in', p: { id: 'certificate' }, access: { perms: ['courses_manage'], owner: 'owner', why: WHOLE } },
  'POST /certificates/{id}/revoke': { perm: 'certificates_manage', p: { id: 'certificateRevokePage' }, phase: 2, form: (w, c) => ({ reason: c.t('certificate.reason') }) },
  'GET /me/certificates': { perm: 'logged_in' },
});

// The XSS crawl: fields whose text no page shows, each with the reason.
export const notOnPages = {
  'certificate.reason': 'a revocation\'s reason is on the printable page of a revoked certificate, and the crawl opens the one that stays valid',
};

export const crawlToo = ['/certificates/verify?code=0000-0000-0000-0000'];
