#include "loginthrottle.h"

namespace Atiende::Server {

namespace {
constexpr qint64 kMinute = 60 * 1000;
QString userKey(const LoginThrottle::Attempt &a)
{
    return a.user.trimmed().toLower();
}
QString userAddressKey(const LoginThrottle::Attempt &a)
{
    return userKey(a) + QLatin1Char('\n') + a.address;
}
} // namespace

const FailureBackoff::Policy LoginThrottle::kDevicePolicy { 5, 1000, 15 * kMinute, 30 * kMinute };
const FailureBackoff::Policy LoginThrottle::kUserAddressPolicy { 3, 1000, 15 * kMinute,
    30 * kMinute };
const FailureBackoff::Policy LoginThrottle::kUserPolicy { 10, 1000, 15 * kMinute, 30 * kMinute };
const FailureBackoff::Policy LoginThrottle::kAddressPolicy { 30, 1000, 5 * kMinute, 30 * kMinute };

LoginThrottle::LoginThrottle()
    : m_devices(kDevicePolicy)
    , m_userAddress(kUserAddressPolicy)
    , m_users(kUserPolicy, 20000)
    , m_addresses(kAddressPolicy, 20000)
{
}

qint64 LoginThrottle::begin(const Attempt &a, qint64 now)
{
    if (!a.device.isEmpty()) {
        if (const qint64 wait = m_devices.wait(a.device, now))
            return wait;
        m_devices.begin(a.device, now);
        return 0;
    }
    const qint64 wait = qMax(m_userAddress.wait(userAddressKey(a), now),
        qMax(m_users.wait(userKey(a), now), m_addresses.wait(a.address, now)));
    if (wait > 0)
        return wait;
    m_userAddress.begin(userAddressKey(a), now);
    m_users.begin(userKey(a), now);
    m_addresses.begin(a.address, now);
    return 0;
}

void LoginThrottle::finish(const Attempt &a, bool success, qint64 now)
{
    if (!a.device.isEmpty()) {
        if (success)
            m_devices.succeeded(a.device);
        else
            m_devices.failed(a.device, now);
        return;
    }
    if (success) {
        m_userAddress.succeeded(userAddressKey(a));
        m_users.succeeded(userKey(a));
        m_addresses.abandoned(a.address); // its pending attempt ends; its failures stay
    } else {
        m_userAddress.failed(userAddressKey(a), now);
        m_users.failed(userKey(a), now);
        m_addresses.failed(a.address, now);
    }
}

void LoginThrottle::abandon(const Attempt &a)
{
    if (!a.device.isEmpty()) {
        m_devices.abandoned(a.device);
        return;
    }
    m_userAddress.abandoned(userAddressKey(a));
    m_users.abandoned(userKey(a));
    m_addresses.abandoned(a.address);
}

} // namespace Atiende::Server
