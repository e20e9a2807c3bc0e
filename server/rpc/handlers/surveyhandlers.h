#pragma once
// Satisfaction surveys: surveys.answer (the customer has no account: the survey token is the
// credential, so wrong tokens are slowed down by address like passwords) and surveys.get (an
// agent reading a ticket's survey).

#include "handlerunit.h"

namespace Atiende::Server {

class SurveyHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

private:
    void answer(CallContext &, const QJsonObject &, const Reply &);
    void get(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
