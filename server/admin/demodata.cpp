#include "demodata.h"
namespace Atiende::Server {
DemoData::DemoData(Store &store, Options options) : m_store(store), m_options(options) {}
bool DemoData::generate(QString *error) { *error = QStringLiteral("not written yet"); return false; }
QString DemoData::summary() const { return m_summary; }
}
