#include "clientthreads.h"

#include <QMetaObject>

namespace Atiende::Bench {

ClientThreads::ClientThreads(int count)
{
    for (int i = 0; i < qMax(1, count); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("load-client-%1").arg(i));
        auto context = std::make_unique<QObject>();
        context->moveToThread(thread.get());
        thread->start();
        m_threads.push_back(std::move(thread));
        m_contexts.push_back(std::move(context));
    }
}

ClientThreads::~ClientThreads()
{
    for (auto &t : m_threads) {
        t->quit();
        t->wait();
    }
    // The threads have ended, so their context objects may go from here.
    m_contexts.clear();
}

void ClientThreads::post(int i, std::function<void()> fn)
{
    QMetaObject::invokeMethod(m_contexts.at(size_t(i)).get(), std::move(fn), Qt::QueuedConnection);
}

void ClientThreads::run(int i, std::function<void()> fn)
{
    QMetaObject::invokeMethod(
        m_contexts.at(size_t(i)).get(), std::move(fn), Qt::BlockingQueuedConnection);
}

void ClientThreads::runOnAll(const std::function<void(int)> &fn)
{
    for (int i = 0; i < count(); ++i)
        run(i, [&fn, i] { fn(i); });
}

} // namespace Atiende::Bench
