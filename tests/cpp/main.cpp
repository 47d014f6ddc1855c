// The Catch2 (2.x, Debian's catch2 package) main for every test file in tests/cpp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
