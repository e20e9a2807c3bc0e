#pragma once
// A model that reaches past the Workspace: the layer check must refuse both includes.

#include "server/store/store.h"

#include <QSqlQuery>
