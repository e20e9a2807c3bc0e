#pragma once
// Process limits that a server with many connections must raise. Platform code stays here.

namespace Atiende::Server {

class ResourceLimits
{
public:
    // Raises the open-file limit to at least want (within the hard limit) so a thousand
    // consoles fit; returns the limit now in force (-1 where there is no such limit).
    static long raiseOpenFiles(long want = 65536);

    // Lowers the calling thread's share of the CPU when others want it, without capping it when
    // they do not: bulk work (hashing and writing uploads) yields to the threads that answer
    // and push. Linux: nice 10 for this thread only; macOS: the utility QoS class; Windows:
    // below-normal priority. Returns false where the system refused.
    static bool makeCurrentThreadBackground();
};

} // namespace Atiende::Server
