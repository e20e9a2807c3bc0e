#pragma once
// Process limits that a server with many connections must raise. Platform code stays here.

namespace Atiende::Server {

class ResourceLimits
{
public:
    // Raises the open-file limit to at least want (within the hard limit) so a thousand
    // consoles fit; returns the limit now in force (-1 where there is no such limit).
    static long raiseOpenFiles(long want = 65536);
};

} // namespace Atiende::Server
