// core/ doing I/O and reaching up into the console: the layer check must refuse both.

#include "client/workspace/workspace.h"

#include <QFile>
