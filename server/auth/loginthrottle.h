#pragma once
// Who may try a password now. The policy (docs/admin-guide.md, "Log-in protection"):
//
// - A log-in that presents a valid device token for its user (see DeviceTokens: the user's
//   own console, which logged in before) is throttled on that token only: 5 free failures,
//   then waits doubling from 1 s to 15 min. Nobody else's failures slow it down.
// - Any other log-in is throttled on three keys at once, and must be allowed by all of them:
//   the user name from this address (3 free failures), the user name from anywhere (10), and
//   the address for any user name (30, then waits up to 5 min). Waits double from 1 s up to
//   15 min. So a guesser is slowed and then all but stopped, a spray over many names from one
//   address too, while the owner's console with its device token keeps getting in.
// - Attempts count from when they start (FailureBackoff), so parallel guesses do not all get
//   checked. A success clears the keys of the user (not the address's: one good password
//   must not launder a guesser).

#include "failurebackoff.h"

#include <QString>

namespace Atiende::Server {

class LoginThrottle
{
public:
    struct Attempt
    {
        QString user; // as typed; compared without case
        QString address; // the peer's address
        QString device; // the id of a valid device token for this user, or empty
    };

    LoginThrottle();

    // 0: the attempt may go ahead and is counted from now on; else ms to wait (nothing counted).
    qint64 begin(const Attempt &attempt, qint64 now);
    void finish(const Attempt &attempt, bool success, qint64 now);
    // An attempt that began but was never checked (the check queue was full).
    void abandon(const Attempt &attempt);

    static const FailureBackoff::Policy kDevicePolicy;
    static const FailureBackoff::Policy kUserAddressPolicy;
    static const FailureBackoff::Policy kUserPolicy;
    static const FailureBackoff::Policy kAddressPolicy;

private:
    FailureBackoff m_devices;
    FailureBackoff m_userAddress;
    FailureBackoff m_users;
    FailureBackoff m_addresses;
};

} // namespace Atiende::Server
