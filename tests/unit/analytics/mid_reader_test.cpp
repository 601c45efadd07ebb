#include "linchpin/analytics/data/mid_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(MidReader, ReadsBothLayoutsAndMissingFatality) {
  const auto cow = test::temporary_path("mid_reader_cow.csv");
  test::write_text(cow,
                   "dispnum,ccode1,ccode2,year,cowmidongoing,cowmidonset,sidea1,sidea2,fatality1,"
                   "fatality2,fatalpre1,fatalpre2,hiact1,hiact2,hostlev1,hostlev2,orig1,orig2,"
                   "fatality,hostlev,mindur,maxdur,recip,stmon\n"
                   "2968,2,20,1979,1,1,0,1,-9,0,-9,0,0,16,1,4,1,1,-9,4,4,4,0,8\n");
  const auto data = read_cow_mid_dyad_years(cow.string());
  ASSERT_TRUE(data.rows.rejected.empty());
  ASSERT_EQ(data.rows.records.size(), 1u);
  const auto& d = data.rows.records[0];
  EXPECT_EQ(d.dispnum, 2968);
  EXPECT_EQ(d.ccode2, 20);
  EXPECT_TRUE(d.onset);
  EXPECT_FALSE(d.fatality1);
  EXPECT_EQ(d.fatality2, 0);
  EXPECT_EQ(d.hostlev1, 1);
  EXPECT_EQ(d.hostlev2, 4);
  EXPECT_FALSE(d.fatality);
  EXPECT_EQ(d.hostlev, 4);

  const auto gml = test::temporary_path("mid_reader_gml.csv");
  test::write_text(gml,
                   "dispnum,ccode1,ccode2,year,gmlmidongoing,gmlmidonset,sidea1,sidea2,fatality1,"
                   "fatality2,fatalpre1,fatalpre2,hiact1,hiact2,hostlev1,hostlev2,orig1,orig2,"
                   "fatality,hostlev,recip,mindur,maxdur,stmon\n"
                   "1272,290,367,1920,1,0,1,0,3,0,-9,0,17,10,4,3,1,0,5,4,1,689,689,13\n");
  const auto other = read_gml_mid_dyad_years(gml.string());
  ASSERT_TRUE(other.rows.rejected.empty());  // stmon 13 is in the GML file; not checked
  EXPECT_EQ(other.source, MidSource::gml);
  EXPECT_FALSE(other.rows.records[0].onset);
  EXPECT_EQ(other.rows.records[0].fatality, 5);
  EXPECT_THROW(read_cow_mid_dyad_years(gml.string()), InputError);  // wrong layout
}

}  // namespace
}  // namespace linchpin::analytics
