#pragma once
// The limits on files an administrator may change (docs/admin-guide.md, "Files"). Their own
// header so the store, the upload sessions and the protocol handlers read one definition.

#include <QtGlobal>

namespace Atiende::Server {

struct FileLimits
{
    qint64 maxFileBytes = 25LL * 1024 * 1024; // one file
    int maxArticleFiles = 20; // files on one reply or note
    qint64 maxArticleBytes = 100LL * 1024 * 1024; // all files of one reply or note together
    qint64 stallMs = 15LL * 60 * 1000; // an upload with no chunk this long is dropped
    qint64 keepMs = 24LL * 3600 * 1000; // a finished upload no article names is kept this long
    int chunkBytes = 512 * 1024; // the most a chunk may carry (before base64)
    int window = 4; // chunks of one upload being written at once (more: busy)
};

} // namespace Atiende::Server
