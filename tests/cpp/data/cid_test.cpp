// CIDs of canonical JSON texts (data-format.md 4).
#include <catch2/catch.hpp>

#include "data/cid.h"

using namespace airvm::data;

TEST_CASE("cid_of reproduces the known-answer CIDs of data-format.md 4.3", "[data][cid]") {
  const auto [text, cid] = GENERATE(table<const char*, const char*>({
      {"1", "bagaaihra2y55tkbgv6i4d7vdoglfuzhbd3ra6e7ennpvfrmzaejwmbntusdq"},
      {"[]", "bagaaihra2u6rrqrsclvhwyyalff3rg6omaqy63x7foowfc4myqwt46n32wvq"},
      {"[1]", "bagaaihrairzqzovkysmfdnnv3whrzwtooaghggixjcypmciea5acs6k2garq"},
      {"[1,2,3]", "bagaaihram6sitn77tquub77n2jzjgttrlwkverv44pv3gns6qghm6hx6d36a"},
      {"\"unused\"", "bagaaihraokrov2amrcineakeekukrm4sza3xjpeil7rnmmzbu65spqz6wi5q"},
      {"\"test\"", "bagaaihrarcyykpv4oj7zwdbepczyfthxya4og7s2rwvrzolm5kg2eu5dz3xa"},
      {"{\"key\":42}", "bagaaihracpzxhsrpviexa7k6glwdhyh3a4kvy6j7qlcqokzqbs3q424cmxyq"},
      {"{\"peer_pk\":\"12D3KooWMkm3xnUxCoQeixDBsKBExUXVHrbgVAhxvjwYqTRxuBWg\","
       "\"service_id\":\"\",\"function_name\":\"\",\"json_path\":\"\"}",
       "bagaaihra4yddygq4zprmoa5xevezdcrctvcfgz4c4srr3japgxeide2vmvpq"},
  }));
  CAPTURE(text);
  CHECK(cid_of(text) == cid);
}

TEST_CASE("a CID has 61 characters (one b, 60 of base32) and starts with bagaaihra", "[data][cid]") {
  for (const char* text : {"", "null", "{}", "\"a much longer string than the digest itself\""}) {
    const std::string cid = cid_of(text);
    CHECK(cid.size() == 61);
    CHECK(cid.rfind("bagaaihra", 0) == 0);
  }
}
