#ifndef OPAL_CYAML_SHIM_H
#define OPAL_CYAML_SHIM_H
#include <yaml.h>
#endif
