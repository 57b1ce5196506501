@0x89f70bd49ddef79f;
# Large declarations, so that single-file requests span several message segments.
# (Generated once with a small seeded script.)

enum Kind {
  # Forty enumerants.
  k0 @0;
  k1 @1;
  k2 @2;
  k3 @3;
  k4 @4;
  k5 @5;
  k6 @6;
  k7 @7;
  k8 @8;
  k9 @9;
  k10 @10;
  k11 @11;
  k12 @12;
  k13 @13;
  k14 @14;
  k15 @15;
  k16 @16;
  k17 @17;
  k18 @18;
  k19 @19;
  k20 @20;
  k21 @21;
  k22 @22;
  k23 @23;
  k24 @24;
  k25 @25;
  k26 @26;
  k27 @27;
  k28 @28;
  k29 @29;
  k30 @30;
  k31 @31;
  k32 @32;
  k33 @33;
  k34 @34;
  k35 @35;
  k36 @36;
  k37 @37;
  k38 @38;
  k39 @39;
}

struct Cell {
  row @0 :UInt32;
  col @1 :UInt16;
  value @2 :Text;
}

struct Wide {
  # 300 fields of mixed types; every third one has an explicit default.
  f0 @0 :Int8 = 0;
  f1 @1 :Float32;
  f2 @2 :UInt64;
  f3 @3 :UInt16 = 9;
  f4 @4 :UInt64;
  f5 @5 :Void;
  f6 @6 :List(Text) = ["6"];
  f7 @7 :Float32;
  f8 @8 :UInt16;
  f9 @9 :Int32 = -9009;
  f10 @10 :List(Text);
  f11 @11 :Float64;
  f12 @12 :UInt16 = 36;
  f13 @13 :Void;
  f14 @14 :Float32;
  f15 @15 :Int8 = -15;
  f16 @16 :Int8;
  f17 @17 :Text;
  f18 @18 :UInt8 = 18;
  f19 @19 :Void;
  f20 @20 :Bool;
  f21 @21 :UInt8 = 21;
  f22 @22 :Bool;
  f23 @23 :Int8;
  f24 @24 :List(Int32) = [24, -24];
  f25 @25 :Float32;
  f26 @26 :Int16;
  f27 @27 :UInt64 = 0x1eb851dd;
  f28 @28 :List(Int32);
  f29 @29 :UInt16;
  f30 @30 :Int16 = 210;
  f31 @31 :List(Int32);
  f32 @32 :Int16;
  f33 @33 :Int32 = -33033;
  f34 @34 :Int64;
  f35 @35 :Int64;
  f36 @36 :UInt16 = 108;
  f37 @37 :List(Text);
  f38 @38 :Cell;
  f39 @39 :Data = 0x"27 ff";
  f40 @40 :Bool;
  f41 @41 :UInt64;
  f42 @42 :Int32 = -42042;
  f43 @43 :Int64;
  f44 @44 :Void;
  f45 @45 :UInt8 = 45;
  f46 @46 :Int8;
  f47 @47 :Cell;
  f48 @48 :Bool = true;
  f49 @49 :Int16;
  f50 @50 :Text;
  f51 @51 :Int16 = 357;
  f52 @52 :Kind;
  f53 @53 :Float64;
  f54 @54 :Int8 = -54;
  f55 @55 :UInt64;
  f56 @56 :Int8;
  f57 @57 :Data = 0x"39 ff";
  f58 @58 :Int32;
  f59 @59 :Cell;
  f60 @60 :List(Int32) = [60, -60];
  f61 @61 :Float64;
  f62 @62 :Cell;
  f63 @63 :UInt8 = 63;
  f64 @64 :Bool;
  f65 @65 :List(Int32);
  f66 @66 :Float64 = -66.25e6;
  f67 @67 :Cell;
  f68 @68 :Int8;
  f69 @69 :Cell = (row = 69, col = 6);
  f70 @70 :Int16;
  f71 @71 :UInt32;
  f72 @72 :Kind = k32;
  f73 @73 :List(Text);
  f74 @74 :Int8;
  f75 @75 :Data = 0x"4b ff";
  f76 @76 :Int64;
  f77 @77 :List(Text);
  f78 @78 :Kind = k38;
  f79 @79 :Void;
  f80 @80 :UInt8;
  f81 @81 :UInt64 = 0x5c28f597;
  f82 @82 :Data;
  f83 @83 :UInt8;
  f84 @84 :UInt8 = 84;
  f85 @85 :Int16;
  f86 @86 :Kind;
  f87 @87 :Int64 = 10740740643;
  f88 @88 :Bool;
  f89 @89 :Int32;
  f90 @90 :List(Text) = ["90"];
  f91 @91 :UInt8;
  f92 @92 :List(Text);
  f93 @93 :List(Text) = ["93"];
  f94 @94 :Float64;
  f95 @95 :UInt32;
  f96 @96 :Cell = (row = 96, col = 5);
  f97 @97 :List(Int32);
  f98 @98 :Int32;
  f99 @99 :List(Text) = ["99"];
  f100 @100 :Bool;
  f101 @101 :UInt32;
  f102 @102 :Float64 = -102.25e12;
  f103 @103 :Int8;
  f104 @104 :Data;
  f105 @105 :Float64 = -105.25e15;
  f106 @106 :Text;
  f107 @107 :Kind;
  f108 @108 :Float32 = 108.5;
  f109 @109 :Int16;
  f110 @110 :Int8;
  f111 @111 :Int8 = -111;
  f112 @112 :List(Text);
  f113 @113 :Kind;
  f114 @114 :Text = "field 114";
  f115 @115 :Void;
  f116 @116 :UInt64;
  f117 @117 :List(Text) = ["117"];
  f118 @118 :UInt64;
  f119 @119 :UInt64;
  f120 @120 :Float32 = 120.5;
  f121 @121 :Float64;
  f122 @122 :UInt64;
  f123 @123 :UInt64 = 0x8bf2587d;
  f124 @124 :UInt8;
  f125 @125 :Int32;
  f126 @126 :UInt16 = 378;
  f127 @127 :List(Text);
  f128 @128 :UInt64;
  f129 @129 :Void = void;
  f130 @130 :Void;
  f131 @131 :Int64;
  f132 @132 :UInt64 = 0x962fc91c;
  f133 @133 :Int16;
  f134 @134 :Kind;
  f135 @135 :UInt32 = 5400000;
  f136 @136 :UInt64;
  f137 @137 :Bool;
  f138 @138 :Int32 = -138138;
  f139 @139 :Text;
  f140 @140 :Kind;
  f141 @141 :UInt64 = 0xa06d39bb;
  f142 @142 :Float32;
  f143 @143 :UInt8;
  f144 @144 :Void = void;
  f145 @145 :Float32;
  f146 @146 :UInt32;
  f147 @147 :Float64 = -147.25e27;
  f148 @148 :Float64;
  f149 @149 :UInt8;
  f150 @150 :Int64 = 18518518350;
  f151 @151 :Text;
  f152 @152 :Bool;
  f153 @153 :UInt32 = 6120000;
  f154 @154 :Int64;
  f155 @155 :Int64;
  f156 @156 :Void = void;
  f157 @157 :List(Text);
  f158 @158 :Bool;
  f159 @159 :Float32 = 159.5;
  f160 @160 :Void;
  f161 @161 :Text;
  f162 @162 :Int32 = -162162;
  f163 @163 :Cell;
  f164 @164 :Bool;
  f165 @165 :Void = void;
  f166 @166 :Cell;
  f167 @167 :UInt64;
  f168 @168 :Float64 = -168.25e18;
  f169 @169 :UInt8;
  f170 @170 :Int16;
  f171 @171 :Data = 0x"ab ff";
  f172 @172 :Bool;
  f173 @173 :Bool;
  f174 @174 :Int8 = -46;
  f175 @175 :UInt32;
  f176 @176 :Cell;
  f177 @177 :List(Int32) = [177, -177];
  f178 @178 :Data;
  f179 @179 :Cell;
  f180 @180 :Float64 = -180.25e0;
  f181 @181 :Int8;
  f182 @182 :Float64;
  f183 @183 :Void = void;
  f184 @184 :Text;
  f185 @185 :UInt8;
  f186 @186 :Int16 = 1302;
  f187 @187 :Int64;
  f188 @188 :UInt64;
  f189 @189 :Int16 = 1323;
  f190 @190 :Data;
  f191 @191 :Data;
  f192 @192 :List(Int32) = [192, -192];
  f193 @193 :Float32;
  f194 @194 :Void;
  f195 @195 :Data = 0x"c3 ff";
  f196 @196 :List(Int32);
  f197 @197 :Int16;
  f198 @198 :UInt64 = 0xe147adaa;
  f199 @199 :Int64;
  f200 @200 :UInt64;
  f201 @201 :UInt64 = 0xe4b17ddf;
  f202 @202 :UInt64;
  f203 @203 :List(Text);
  f204 @204 :Void = void;
  f205 @205 :Int8;
  f206 @206 :Kind;
  f207 @207 :Text = "field 207";
  f208 @208 :UInt32;
  f209 @209 :Float32;
  f210 @210 :UInt16 = 630;
  f211 @211 :Float32;
  f212 @212 :Void;
  f213 @213 :Data = 0x"d5 ff";
  f214 @214 :List(Text);
  f215 @215 :Cell;
  f216 @216 :Data = 0x"d8 ff";
  f217 @217 :Float64;
  f218 @218 :Text;
  f219 @219 :Void = void;
  f220 @220 :UInt16;
  f221 @221 :Void;
  f222 @222 :UInt16 = 666;
  f223 @223 :Int16;
  f224 @224 :Kind;
  f225 @225 :Float64 = -225.25e15;
  f226 @226 :List(Text);
  f227 @227 :Kind;
  f228 @228 :UInt16 = 684;
  f229 @229 :Void;
  f230 @230 :Int64;
  f231 @231 :Float64 = -231.25e21;
  f232 @232 :Void;
  f233 @233 :Cell;
  f234 @234 :Data = 0x"ea ff";
  f235 @235 :Float32;
  f236 @236 :Float64;
  f237 @237 :List(Text) = ["237"];
  f238 @238 :Bool;
  f239 @239 :Int16;
  f240 @240 :List(Int32) = [240, -240];
  f241 @241 :List(Int32);
  f242 @242 :List(Text);
  f243 @243 :Kind = k3;
  f244 @244 :UInt32;
  f245 @245 :UInt8;
  f246 @246 :Data = 0x"f6 ff";
  f247 @247 :Kind;
  f248 @248 :List(Int32);
  f249 @249 :List(Int32) = [249, -249];
  f250 @250 :List(Int32);
  f251 @251 :Text;
  f252 @252 :Cell = (row = 252, col = 0);
  f253 @253 :Void;
  f254 @254 :Data;
  f255 @255 :UInt64 = 0x122222199;
  f256 @256 :Int32;
  f257 @257 :Cell;
  f258 @258 :Int32 = -258258;
  f259 @259 :UInt8;
  f260 @260 :List(Text);
  f261 @261 :List(Int32) = [261, -261];
  f262 @262 :UInt16;
  f263 @263 :Void;
  f264 @264 :Kind = k24;
  f265 @265 :List(Text);
  f266 @266 :Text;
  f267 @267 :Text = "field 267";
  f268 @268 :UInt64;
  f269 @269 :UInt64;
  f270 @270 :Float32 = 270.5;
  f271 @271 :Text;
  f272 @272 :Int8;
  f273 @273 :Cell = (row = 273, col = 0);
  f274 @274 :UInt32;
  f275 @275 :Text;
  f276 @276 :Int16 = 1932;
  f277 @277 :List(Text);
  f278 @278 :UInt16;
  f279 @279 :UInt16 = 837;
  f280 @280 :Int16;
  f281 @281 :Cell;
  f282 @282 :Cell = (row = 282, col = 2);
  f283 @283 :UInt16;
  f284 @284 :Data;
  f285 @285 :Void = void;
  f286 @286 :UInt16;
  f287 @287 :UInt8;
  f288 @288 :Int64 = 35555555232;
  f289 @289 :Data;
  f290 @290 :Void;
  f291 @291 :List(Text) = ["291"];
  f292 @292 :List(Text);
  f293 @293 :Text;
  f294 @294 :List(Int32) = [294, -294];
  f295 @295 :Cell;
  f296 @296 :Kind;
  f297 @297 :List(Int32) = [297, -297];
  f298 @298 :Int16;
  f299 @299 :Int64;
}

struct WideUnion {
  # A union of 100 members.
  union {
    m0 @0 :Int32;
    m1 @1 :Void;
    m2 @2 :List(Int32);
    m3 @3 :UInt32;
    m4 @4 :Cell;
    m5 @5 :Int8;
    m6 @6 :UInt32;
    m7 @7 :Float32;
    m8 @8 :Data;
    m9 @9 :UInt8;
    m10 @10 :Text;
    m11 @11 :UInt16;
    m12 @12 :Void;
    m13 @13 :UInt8;
    m14 @14 :Int64;
    m15 @15 :Text;
    m16 @16 :UInt32;
    m17 @17 :List(Text);
    m18 @18 :Bool;
    m19 @19 :Cell;
    m20 @20 :Int64;
    m21 @21 :Int64;
    m22 @22 :Bool;
    m23 @23 :UInt8;
    m24 @24 :UInt8;
    m25 @25 :Float32;
    m26 @26 :Data;
    m27 @27 :Int8;
    m28 @28 :Int16;
    m29 @29 :Int8;
    m30 @30 :UInt16;
    m31 @31 :Bool;
    m32 @32 :Cell;
    m33 @33 :Cell;
    m34 @34 :Int64;
    m35 @35 :Data;
    m36 @36 :UInt8;
    m37 @37 :List(Int32);
    m38 @38 :Data;
    m39 @39 :Cell;
    m40 @40 :UInt32;
    m41 @41 :Data;
    m42 @42 :Cell;
    m43 @43 :Cell;
    m44 @44 :Int8;
    m45 @45 :Int8;
    m46 @46 :Void;
    m47 @47 :UInt8;
    m48 @48 :UInt64;
    m49 @49 :Float64;
    m50 @50 :List(Int32);
    m51 @51 :List(Text);
    m52 @52 :UInt16;
    m53 @53 :Bool;
    m54 @54 :Text;
    m55 @55 :Int32;
    m56 @56 :Int64;
    m57 @57 :Float32;
    m58 @58 :Data;
    m59 @59 :Float32;
    m60 @60 :Float64;
    m61 @61 :Int32;
    m62 @62 :Int16;
    m63 @63 :List(Int32);
    m64 @64 :Int64;
    m65 @65 :Int64;
    m66 @66 :Bool;
    m67 @67 :Kind;
    m68 @68 :List(Text);
    m69 @69 :UInt32;
    m70 @70 :Bool;
    m71 @71 :UInt8;
    m72 @72 :Data;
    m73 @73 :Int32;
    m74 @74 :Int64;
    m75 @75 :Void;
    m76 @76 :Text;
    m77 @77 :Cell;
    m78 @78 :Kind;
    m79 @79 :Int64;
    m80 @80 :UInt64;
    m81 @81 :UInt8;
    m82 @82 :Float64;
    m83 @83 :List(Int32);
    m84 @84 :Cell;
    m85 @85 :Data;
    m86 @86 :Void;
    m87 @87 :Float64;
    m88 @88 :Text;
    m89 @89 :Text;
    m90 @90 :Void;
    m91 @91 :Data;
    m92 @92 :Text;
    m93 @93 :UInt64;
    m94 @94 :Float64;
    m95 @95 :UInt32;
    m96 @96 :Text;
    m97 @97 :UInt8;
    m98 @98 :UInt8;
    m99 @99 :Int64;
  }
}

interface ManyMethods {
  # Sixty methods with generated param and result structs.
  method0 @0 (a :Float32, b :Cell) -> (r :Float32);
  method1 @1 (a :Kind, b :Cell) -> (r :Kind);
  method2 @2 (a :UInt32, b :Cell) -> (r :UInt32);
  method3 @3 (a :UInt16, b :Cell) -> (r :UInt16);
  method4 @4 (a :Int64, b :Cell) -> (r :Int64);
  method5 @5 (a :Int32, b :Cell) -> (r :Int32);
  method6 @6 (a :UInt16, b :Cell) -> (r :UInt16);
  method7 @7 (a :List(Text), b :Cell) -> (r :List(Text));
  method8 @8 (a :List(Text), b :Cell) -> (r :List(Text));
  method9 @9 (a :Int32, b :Cell) -> (r :Int32);
  method10 @10 (a :UInt32, b :Cell) -> (r :UInt32);
  method11 @11 (a :UInt32, b :Cell) -> (r :UInt32);
  method12 @12 (a :UInt32, b :Cell) -> (r :UInt32);
  method13 @13 (a :UInt8, b :Cell) -> (r :UInt8);
  method14 @14 (a :Text, b :Cell) -> (r :Text);
  method15 @15 (a :Bool, b :Cell) -> (r :Bool);
  method16 @16 (a :UInt16, b :Cell) -> (r :UInt16);
  method17 @17 (a :UInt32, b :Cell) -> (r :UInt32);
  method18 @18 (a :UInt64, b :Cell) -> (r :UInt64);
  method19 @19 (a :List(Int32), b :Cell) -> (r :List(Int32));
  method20 @20 (a :Text, b :Cell) -> (r :Text);
  method21 @21 (a :Bool, b :Cell) -> (r :Bool);
  method22 @22 (a :Text, b :Cell) -> (r :Text);
  method23 @23 (a :Data, b :Cell) -> (r :Data);
  method24 @24 (a :Int16, b :Cell) -> (r :Int16);
  method25 @25 (a :Bool, b :Cell) -> (r :Bool);
  method26 @26 (a :UInt64, b :Cell) -> (r :UInt64);
  method27 @27 (a :Bool, b :Cell) -> (r :Bool);
  method28 @28 (a :Data, b :Cell) -> (r :Data);
  method29 @29 (a :Data, b :Cell) -> (r :Data);
  method30 @30 (a :Int64, b :Cell) -> (r :Int64);
  method31 @31 (a :Bool, b :Cell) -> (r :Bool);
  method32 @32 (a :Kind, b :Cell) -> (r :Kind);
  method33 @33 (a :UInt32, b :Cell) -> (r :UInt32);
  method34 @34 (a :Kind, b :Cell) -> (r :Kind);
  method35 @35 (a :List(Text), b :Cell) -> (r :List(Text));
  method36 @36 (a :Data, b :Cell) -> (r :Data);
  method37 @37 (a :Kind, b :Cell) -> (r :Kind);
  method38 @38 (a :Kind, b :Cell) -> (r :Kind);
  method39 @39 (a :List(Int32), b :Cell) -> (r :List(Int32));
  method40 @40 (a :UInt32, b :Cell) -> (r :UInt32);
  method41 @41 (a :Int32, b :Cell) -> (r :Int32);
  method42 @42 (a :List(Text), b :Cell) -> (r :List(Text));
  method43 @43 (a :Int8, b :Cell) -> (r :Int8);
  method44 @44 (a :Int16, b :Cell) -> (r :Int16);
  method45 @45 (a :Cell, b :Cell) -> (r :Cell);
  method46 @46 (a :Float32, b :Cell) -> (r :Float32);
  method47 @47 (a :List(Int32), b :Cell) -> (r :List(Int32));
  method48 @48 (a :Text, b :Cell) -> (r :Text);
  method49 @49 (a :UInt32, b :Cell) -> (r :UInt32);
  method50 @50 (a :Int8, b :Cell) -> (r :Int8);
  method51 @51 (a :List(Int32), b :Cell) -> (r :List(Int32));
  method52 @52 (a :Kind, b :Cell) -> (r :Kind);
  method53 @53 (a :List(Text), b :Cell) -> (r :List(Text));
  method54 @54 (a :List(Text), b :Cell) -> (r :List(Text));
  method55 @55 (a :Int64, b :Cell) -> (r :Int64);
  method56 @56 (a :UInt16, b :Cell) -> (r :UInt16);
  method57 @57 (a :Float64, b :Cell) -> (r :Float64);
  method58 @58 (a :List(Int32), b :Cell) -> (r :List(Int32));
  method59 @59 (a :Text, b :Cell) -> (r :Text);
}

struct Table {
  cells @0 :List(Cell) = [
      (row = 0, col = 0, value = "0"), (row = 1, col = 1, value = "1"),
      (row = 2, col = 2, value = "4"), (row = 3, col = 3, value = "9"),
      (row = 4, col = 4, value = "16"), (row = 5, col = 5, value = "25"),
      (row = 6, col = 6, value = "36"), (row = 7, col = 7, value = "49"),
      (row = 8, col = 8, value = "64"), (row = 9, col = 9, value = "81"),
      (row = 10, col = 0, value = "100"), (row = 11, col = 1, value = "121"),
      (row = 12, col = 2, value = "144"), (row = 13, col = 3, value = "169"),
      (row = 14, col = 4, value = "196"), (row = 15, col = 5, value = "225"),
      (row = 16, col = 6, value = "256"), (row = 17, col = 7, value = "289"),
      (row = 18, col = 8, value = "324"), (row = 19, col = 9, value = "361"),
      (row = 20, col = 0, value = "400"), (row = 21, col = 1, value = "441"),
      (row = 22, col = 2, value = "484"), (row = 23, col = 3, value = "529"),
      (row = 24, col = 4, value = "576"), (row = 25, col = 5, value = "625"),
      (row = 26, col = 6, value = "676"), (row = 27, col = 7, value = "729"),
      (row = 28, col = 8, value = "784"), (row = 29, col = 9, value = "841"),
      (row = 30, col = 0, value = "900"), (row = 31, col = 1, value = "961"),
      (row = 32, col = 2, value = "1024"), (row = 33, col = 3, value = "1089"),
      (row = 34, col = 4, value = "1156"), (row = 35, col = 5, value = "1225"),
      (row = 36, col = 6, value = "1296"), (row = 37, col = 7, value = "1369"),
      (row = 38, col = 8, value = "1444"), (row = 39, col = 9, value = "1521"),
      (row = 40, col = 0, value = "1600"), (row = 41, col = 1, value = "1681"),
      (row = 42, col = 2, value = "1764"), (row = 43, col = 3, value = "1849"),
      (row = 44, col = 4, value = "1936"), (row = 45, col = 5, value = "2025"),
      (row = 46, col = 6, value = "2116"), (row = 47, col = 7, value = "2209"),
      (row = 48, col = 8, value = "2304"), (row = 49, col = 9, value = "2401"),
      (row = 50, col = 0, value = "2500"), (row = 51, col = 1, value = "2601"),
      (row = 52, col = 2, value = "2704"), (row = 53, col = 3, value = "2809"),
      (row = 54, col = 4, value = "2916"), (row = 55, col = 5, value = "3025"),
      (row = 56, col = 6, value = "3136"), (row = 57, col = 7, value = "3249"),
      (row = 58, col = 8, value = "3364"), (row = 59, col = 9, value = "3481"),
      (row = 60, col = 0, value = "3600"), (row = 61, col = 1, value = "3721"),
      (row = 62, col = 2, value = "3844"), (row = 63, col = 3, value = "3969"),
      (row = 64, col = 4, value = "4096"), (row = 65, col = 5, value = "4225"),
      (row = 66, col = 6, value = "4356"), (row = 67, col = 7, value = "4489"),
      (row = 68, col = 8, value = "4624"), (row = 69, col = 9, value = "4761"),
      (row = 70, col = 0, value = "4900"), (row = 71, col = 1, value = "5041"),
      (row = 72, col = 2, value = "5184"), (row = 73, col = 3, value = "5329"),
      (row = 74, col = 4, value = "5476"), (row = 75, col = 5, value = "5625"),
      (row = 76, col = 6, value = "5776"), (row = 77, col = 7, value = "5929"),
      (row = 78, col = 8, value = "6084"), (row = 79, col = 9, value = "6241"),
      (row = 80, col = 0, value = "6400"), (row = 81, col = 1, value = "6561"),
      (row = 82, col = 2, value = "6724"), (row = 83, col = 3, value = "6889"),
      (row = 84, col = 4, value = "7056"), (row = 85, col = 5, value = "7225"),
      (row = 86, col = 6, value = "7396"), (row = 87, col = 7, value = "7569"),
      (row = 88, col = 8, value = "7744"), (row = 89, col = 9, value = "7921"),
      (row = 90, col = 0, value = "8100"), (row = 91, col = 1, value = "8281"),
      (row = 92, col = 2, value = "8464"), (row = 93, col = 3, value = "8649"),
      (row = 94, col = 4, value = "8836"), (row = 95, col = 5, value = "9025"),
      (row = 96, col = 6, value = "9216"), (row = 97, col = 7, value = "9409"),
      (row = 98, col = 8, value = "9604"), (row = 99, col = 9, value = "9801"),
      (row = 100, col = 0, value = "10000"), (row = 101, col = 1, value = "10201"),
      (row = 102, col = 2, value = "10404"), (row = 103, col = 3, value = "10609"),
      (row = 104, col = 4, value = "10816"), (row = 105, col = 5, value = "11025"),
      (row = 106, col = 6, value = "11236"), (row = 107, col = 7, value = "11449"),
      (row = 108, col = 8, value = "11664"), (row = 109, col = 9, value = "11881"),
      (row = 110, col = 0, value = "12100"), (row = 111, col = 1, value = "12321"),
      (row = 112, col = 2, value = "12544"), (row = 113, col = 3, value = "12769"),
      (row = 114, col = 4, value = "12996"), (row = 115, col = 5, value = "13225"),
      (row = 116, col = 6, value = "13456"), (row = 117, col = 7, value = "13689"),
      (row = 118, col = 8, value = "13924"), (row = 119, col = 9, value = "14161")
  ];
  numbers @1 :List(UInt64) = [
      0, 97, 776, 2619, 6208, 12125, 20952, 33271, 49664, 70713, 97000, 129107, 167616, 213109,
      266168, 327375, 397312, 476561, 565704, 665323, 776000, 898317, 1032856, 1180199, 1340928,
      1515625, 1704872, 1909251, 2129344, 2365733, 2619000, 2889727, 3178496, 3485889, 3812488,
      4158875, 4525632, 4913341, 5322584, 5753943, 6208000, 6685337, 7186536, 7712179, 8262848,
      8839125, 9441592, 10070831, 10727424, 11411953, 12125000, 12867147, 13638976, 14441069,
      15274008, 16138375, 17034752, 17963721, 18925864, 19921763, 20952000, 22017157, 23117816,
      24254559, 25427968, 26638625, 27887112, 29174011, 30499904, 31865373, 33271000, 34717367,
      36205056, 37734649, 39306728, 40921875, 42580672, 44283701, 46031544, 47824783, 49664000,
      51549777, 53482696, 55463339, 57492288, 59570125, 61697432, 63874791, 66102784, 68381993,
      70713000, 73096387, 75532736, 78022629, 80566648, 83165375, 85819392, 88529281, 91295624,
      94119003, 97000000, 99939197, 102937176, 105994519, 109111808, 112289625, 115528552,
      118829171, 122192064, 125617813, 129107000, 132660207, 136278016, 139961009, 143709768,
      147524875, 151406912, 155356461, 159374104, 163460423, 167616000, 171841417, 176137256,
      180504099, 184942528, 189453125, 194036472, 198693151, 203423744, 208228833, 213109000,
      218064827, 223096896, 228205789, 233392088, 238656375, 243999232, 249421241, 254922984,
      260505043, 266168000, 271912437, 277738936, 283648079, 289640448, 295716625, 301877192,
      308122731, 314453824, 320871053, 327375000, 333966247, 340645376, 347412969, 354269608,
      361215875, 368252352, 375379621, 382598264, 389908863, 397312000, 404808257, 412398216,
      420082459, 427861568, 435736125, 443706712, 451773911, 459938304, 468200473, 476561000,
      485020467, 493579456, 502238549, 510998328, 519859375, 528822272, 537887601, 547055944,
      556327883, 565704000, 575184877, 584771096, 594463239, 604261888, 614167625, 624181032,
      634302691, 644533184, 654873093, 665323000, 675883487, 686555136, 697338529, 708234248,
      719242875, 730364992, 741601181, 752952024, 764418103, 776000000, 787698297, 799513576,
      811446419, 823497408, 835667125, 847956152, 860365071, 872894464, 885544913, 898317000,
      911211307, 924228416, 937368909, 950633368, 964022375, 977536512, 991176361, 1004942504,
      1018835523, 1032856000, 1047004517, 1061281656, 1075687999, 1090224128, 1104890625,
      1119688072, 1134617051, 1149678144, 1164871933, 1180199000, 1195659927, 1211255296,
      1226985689, 1242851688, 1258853875, 1274992832, 1291269141, 1307683384, 1324236143,
      1340928000, 1357759537, 1374731336, 1391843979, 1409098048, 1426494125, 1444032792,
      1461714631, 1479540224, 1497510153, 1515625000, 1533885347, 1552291776, 1570844869,
      1589545208, 1608393375, 1627389952, 1646535521, 1665830664, 1685275963, 1704872000,
      1724619357, 1744518616, 1764570359, 1784775168, 1805133625, 1825646312, 1846313811,
      1867136704, 1888115573, 1909251000, 1930543567, 1951993856, 1973602449, 1995369928,
      2017296875, 2039383872, 2061631501, 2084040344, 2106610983, 2129344000, 2152239977,
      2175299496, 2198523139, 2221911488, 2245465125, 2269184632, 2293070591, 2317123584,
      2341344193, 2365733000, 2390290587, 2415017536, 2439914429, 2464981848, 2490220375,
      2515630592, 2541213081, 2566968424, 2592897203, 2619000000, 2645277397, 2671729976,
      2698358319, 2725163008, 2752144625, 2779303752, 2806640971, 2834156864, 2861852013,
      2889727000, 2917782407, 2946018816, 2974436809, 3003036968, 3031819875, 3060786112,
      3089936261, 3119270904, 3148790623, 3178496000, 3208387617, 3238466056, 3268731899,
      3299185728, 3329828125, 3360659672, 3391680951, 3422892544, 3454295033, 3485889000,
      3517675027, 3549653696, 3581825589, 3614191288, 3646751375, 3679506432, 3712457041,
      3745603784, 3778947243, 3812488000, 3846226637, 3880163736, 3914299879, 3948635648,
      3983171625, 4017908392, 4052846531, 4087986624, 4123329253, 4158875000, 4194624447,
      4230578176, 4266736769, 4303100808, 4339670875, 4376447552, 4413431421, 4450623064,
      4488023063, 4525632000, 4563450457, 4601479016, 4639718259, 4678168768, 4716831125,
      4755705912, 4794793711, 4834095104, 4873610673, 4913341000, 4953286667, 4993448256,
      5033826349, 5074421528, 5115234375, 5156265472, 5197515401, 5238984744, 5280674083,
      5322584000, 5364715077, 5407067896, 5449643039, 5492441088, 5535462625, 5578708232,
      5622178491, 5665873984, 5709795293, 5753943000, 5798317687, 5842919936, 5887750329,
      5932809448, 5978097875, 6023616192, 6069364981, 6115344824, 6161556303
  ];
  kinds @2 :List(Kind) = [
      k0, k7, k14, k21, k28, k35, k2, k9, k16, k23, k30, k37, k4, k11, k18, k25, k32, k39, k6, k13,
      k20, k27, k34, k1, k8, k15, k22, k29, k36, k3, k10, k17, k24, k31, k38, k5, k12, k19, k26,
      k33, k0, k7, k14, k21, k28, k35, k2, k9, k16, k23, k30, k37, k4, k11, k18, k25, k32, k39, k6,
      k13, k20, k27, k34, k1, k8, k15, k22, k29, k36, k3, k10, k17, k24, k31, k38, k5, k12, k19,
      k26, k33, k0, k7, k14, k21, k28, k35, k2, k9, k16, k23, k30, k37, k4, k11, k18, k25, k32,
      k39, k6, k13, k20, k27, k34, k1, k8, k15, k22, k29, k36, k3, k10, k17, k24, k31, k38, k5,
      k12, k19, k26, k33, k0, k7, k14, k21, k28, k35, k2, k9, k16, k23, k30, k37, k4, k11, k18,
      k25, k32, k39, k6, k13, k20, k27, k34, k1, k8, k15, k22, k29, k36, k3, k10, k17, k24, k31,
      k38, k5, k12, k19, k26, k33, k0, k7, k14, k21, k28, k35, k2, k9, k16, k23, k30, k37, k4, k11,
      k18, k25, k32, k39, k6, k13, k20, k27, k34, k1, k8, k15, k22, k29, k36, k3, k10, k17, k24,
      k31, k38, k5, k12, k19, k26, k33
  ];
}

const table0 :List(Cell) = [(row = 0, col = 0)];
const table1 :List(Cell) = [(row = 1, col = 0), (row = 1, col = 1)];
const table2 :List(Cell) = [(row = 2, col = 0), (row = 2, col = 1), (row = 2, col = 2)];
const table3 :List(Cell) = [
    (row = 3, col = 0), (row = 3, col = 1), (row = 3, col = 2), (row = 3, col = 3)
];
const table4 :List(Cell) = [
    (row = 4, col = 0), (row = 4, col = 1), (row = 4, col = 2), (row = 4, col = 3),
    (row = 4, col = 4)
];
const table5 :List(Cell) = [
    (row = 5, col = 0), (row = 5, col = 1), (row = 5, col = 2), (row = 5, col = 3),
    (row = 5, col = 4), (row = 5, col = 5)
];
const table6 :List(Cell) = [
    (row = 6, col = 0), (row = 6, col = 1), (row = 6, col = 2), (row = 6, col = 3),
    (row = 6, col = 4), (row = 6, col = 5), (row = 6, col = 6)
];
const table7 :List(Cell) = [
    (row = 7, col = 0), (row = 7, col = 1), (row = 7, col = 2), (row = 7, col = 3),
    (row = 7, col = 4), (row = 7, col = 5), (row = 7, col = 6), (row = 7, col = 7)
];
const table8 :List(Cell) = [
    (row = 8, col = 0), (row = 8, col = 1), (row = 8, col = 2), (row = 8, col = 3),
    (row = 8, col = 4), (row = 8, col = 5), (row = 8, col = 6), (row = 8, col = 7),
    (row = 8, col = 8)
];
const table9 :List(Cell) = [
    (row = 9, col = 0), (row = 9, col = 1), (row = 9, col = 2), (row = 9, col = 3),
    (row = 9, col = 4), (row = 9, col = 5), (row = 9, col = 6), (row = 9, col = 7),
    (row = 9, col = 8), (row = 9, col = 9)
];
const table10 :List(Cell) = [
    (row = 10, col = 0), (row = 10, col = 1), (row = 10, col = 2), (row = 10, col = 3),
    (row = 10, col = 4), (row = 10, col = 5), (row = 10, col = 6), (row = 10, col = 7),
    (row = 10, col = 8), (row = 10, col = 9), (row = 10, col = 10)
];
const table11 :List(Cell) = [
    (row = 11, col = 0), (row = 11, col = 1), (row = 11, col = 2), (row = 11, col = 3),
    (row = 11, col = 4), (row = 11, col = 5), (row = 11, col = 6), (row = 11, col = 7),
    (row = 11, col = 8), (row = 11, col = 9), (row = 11, col = 10), (row = 11, col = 11)
];
const table12 :List(Cell) = [
    (row = 12, col = 0), (row = 12, col = 1), (row = 12, col = 2), (row = 12, col = 3),
    (row = 12, col = 4), (row = 12, col = 5), (row = 12, col = 6), (row = 12, col = 7),
    (row = 12, col = 8), (row = 12, col = 9), (row = 12, col = 10), (row = 12, col = 11),
    (row = 12, col = 12)
];
const table13 :List(Cell) = [
    (row = 13, col = 0), (row = 13, col = 1), (row = 13, col = 2), (row = 13, col = 3),
    (row = 13, col = 4), (row = 13, col = 5), (row = 13, col = 6), (row = 13, col = 7),
    (row = 13, col = 8), (row = 13, col = 9), (row = 13, col = 10), (row = 13, col = 11),
    (row = 13, col = 12), (row = 13, col = 13)
];
const table14 :List(Cell) = [
    (row = 14, col = 0), (row = 14, col = 1), (row = 14, col = 2), (row = 14, col = 3),
    (row = 14, col = 4), (row = 14, col = 5), (row = 14, col = 6), (row = 14, col = 7),
    (row = 14, col = 8), (row = 14, col = 9), (row = 14, col = 10), (row = 14, col = 11),
    (row = 14, col = 12), (row = 14, col = 13), (row = 14, col = 14)
];
const table15 :List(Cell) = [
    (row = 15, col = 0), (row = 15, col = 1), (row = 15, col = 2), (row = 15, col = 3),
    (row = 15, col = 4), (row = 15, col = 5), (row = 15, col = 6), (row = 15, col = 7),
    (row = 15, col = 8), (row = 15, col = 9), (row = 15, col = 10), (row = 15, col = 11),
    (row = 15, col = 12), (row = 15, col = 13), (row = 15, col = 14), (row = 15, col = 15)
];
const table16 :List(Cell) = [
    (row = 16, col = 0), (row = 16, col = 1), (row = 16, col = 2), (row = 16, col = 3),
    (row = 16, col = 4), (row = 16, col = 5), (row = 16, col = 6), (row = 16, col = 7),
    (row = 16, col = 8), (row = 16, col = 9), (row = 16, col = 10), (row = 16, col = 11),
    (row = 16, col = 12), (row = 16, col = 13), (row = 16, col = 14), (row = 16, col = 15),
    (row = 16, col = 16)
];
const table17 :List(Cell) = [
    (row = 17, col = 0), (row = 17, col = 1), (row = 17, col = 2), (row = 17, col = 3),
    (row = 17, col = 4), (row = 17, col = 5), (row = 17, col = 6), (row = 17, col = 7),
    (row = 17, col = 8), (row = 17, col = 9), (row = 17, col = 10), (row = 17, col = 11),
    (row = 17, col = 12), (row = 17, col = 13), (row = 17, col = 14), (row = 17, col = 15),
    (row = 17, col = 16), (row = 17, col = 17)
];
const table18 :List(Cell) = [
    (row = 18, col = 0), (row = 18, col = 1), (row = 18, col = 2), (row = 18, col = 3),
    (row = 18, col = 4), (row = 18, col = 5), (row = 18, col = 6), (row = 18, col = 7),
    (row = 18, col = 8), (row = 18, col = 9), (row = 18, col = 10), (row = 18, col = 11),
    (row = 18, col = 12), (row = 18, col = 13), (row = 18, col = 14), (row = 18, col = 15),
    (row = 18, col = 16), (row = 18, col = 17), (row = 18, col = 18)
];
const table19 :List(Cell) = [
    (row = 19, col = 0), (row = 19, col = 1), (row = 19, col = 2), (row = 19, col = 3),
    (row = 19, col = 4), (row = 19, col = 5), (row = 19, col = 6), (row = 19, col = 7),
    (row = 19, col = 8), (row = 19, col = 9), (row = 19, col = 10), (row = 19, col = 11),
    (row = 19, col = 12), (row = 19, col = 13), (row = 19, col = 14), (row = 19, col = 15),
    (row = 19, col = 16), (row = 19, col = 17), (row = 19, col = 18), (row = 19, col = 19)
];
const table20 :List(Cell) = [
    (row = 20, col = 0), (row = 20, col = 1), (row = 20, col = 2), (row = 20, col = 3),
    (row = 20, col = 4), (row = 20, col = 5), (row = 20, col = 6), (row = 20, col = 7),
    (row = 20, col = 8), (row = 20, col = 9), (row = 20, col = 10), (row = 20, col = 11),
    (row = 20, col = 12), (row = 20, col = 13), (row = 20, col = 14), (row = 20, col = 15),
    (row = 20, col = 16), (row = 20, col = 17), (row = 20, col = 18), (row = 20, col = 19),
    (row = 20, col = 20)
];
const table21 :List(Cell) = [
    (row = 21, col = 0), (row = 21, col = 1), (row = 21, col = 2), (row = 21, col = 3),
    (row = 21, col = 4), (row = 21, col = 5), (row = 21, col = 6), (row = 21, col = 7),
    (row = 21, col = 8), (row = 21, col = 9), (row = 21, col = 10), (row = 21, col = 11),
    (row = 21, col = 12), (row = 21, col = 13), (row = 21, col = 14), (row = 21, col = 15),
    (row = 21, col = 16), (row = 21, col = 17), (row = 21, col = 18), (row = 21, col = 19),
    (row = 21, col = 20), (row = 21, col = 21)
];
const table22 :List(Cell) = [
    (row = 22, col = 0), (row = 22, col = 1), (row = 22, col = 2), (row = 22, col = 3),
    (row = 22, col = 4), (row = 22, col = 5), (row = 22, col = 6), (row = 22, col = 7),
    (row = 22, col = 8), (row = 22, col = 9), (row = 22, col = 10), (row = 22, col = 11),
    (row = 22, col = 12), (row = 22, col = 13), (row = 22, col = 14), (row = 22, col = 15),
    (row = 22, col = 16), (row = 22, col = 17), (row = 22, col = 18), (row = 22, col = 19),
    (row = 22, col = 20), (row = 22, col = 21), (row = 22, col = 22)
];
const table23 :List(Cell) = [
    (row = 23, col = 0), (row = 23, col = 1), (row = 23, col = 2), (row = 23, col = 3),
    (row = 23, col = 4), (row = 23, col = 5), (row = 23, col = 6), (row = 23, col = 7),
    (row = 23, col = 8), (row = 23, col = 9), (row = 23, col = 10), (row = 23, col = 11),
    (row = 23, col = 12), (row = 23, col = 13), (row = 23, col = 14), (row = 23, col = 15),
    (row = 23, col = 16), (row = 23, col = 17), (row = 23, col = 18), (row = 23, col = 19),
    (row = 23, col = 20), (row = 23, col = 21), (row = 23, col = 22), (row = 23, col = 23)
];
const table24 :List(Cell) = [
    (row = 24, col = 0), (row = 24, col = 1), (row = 24, col = 2), (row = 24, col = 3),
    (row = 24, col = 4), (row = 24, col = 5), (row = 24, col = 6), (row = 24, col = 7),
    (row = 24, col = 8), (row = 24, col = 9), (row = 24, col = 10), (row = 24, col = 11),
    (row = 24, col = 12), (row = 24, col = 13), (row = 24, col = 14), (row = 24, col = 15),
    (row = 24, col = 16), (row = 24, col = 17), (row = 24, col = 18), (row = 24, col = 19),
    (row = 24, col = 20), (row = 24, col = 21), (row = 24, col = 22), (row = 24, col = 23),
    (row = 24, col = 24)
];
const table25 :List(Cell) = [
    (row = 25, col = 0), (row = 25, col = 1), (row = 25, col = 2), (row = 25, col = 3),
    (row = 25, col = 4), (row = 25, col = 5), (row = 25, col = 6), (row = 25, col = 7),
    (row = 25, col = 8), (row = 25, col = 9), (row = 25, col = 10), (row = 25, col = 11),
    (row = 25, col = 12), (row = 25, col = 13), (row = 25, col = 14), (row = 25, col = 15),
    (row = 25, col = 16), (row = 25, col = 17), (row = 25, col = 18), (row = 25, col = 19),
    (row = 25, col = 20), (row = 25, col = 21), (row = 25, col = 22), (row = 25, col = 23),
    (row = 25, col = 24), (row = 25, col = 25)
];
const table26 :List(Cell) = [
    (row = 26, col = 0), (row = 26, col = 1), (row = 26, col = 2), (row = 26, col = 3),
    (row = 26, col = 4), (row = 26, col = 5), (row = 26, col = 6), (row = 26, col = 7),
    (row = 26, col = 8), (row = 26, col = 9), (row = 26, col = 10), (row = 26, col = 11),
    (row = 26, col = 12), (row = 26, col = 13), (row = 26, col = 14), (row = 26, col = 15),
    (row = 26, col = 16), (row = 26, col = 17), (row = 26, col = 18), (row = 26, col = 19),
    (row = 26, col = 20), (row = 26, col = 21), (row = 26, col = 22), (row = 26, col = 23),
    (row = 26, col = 24), (row = 26, col = 25), (row = 26, col = 26)
];
const table27 :List(Cell) = [
    (row = 27, col = 0), (row = 27, col = 1), (row = 27, col = 2), (row = 27, col = 3),
    (row = 27, col = 4), (row = 27, col = 5), (row = 27, col = 6), (row = 27, col = 7),
    (row = 27, col = 8), (row = 27, col = 9), (row = 27, col = 10), (row = 27, col = 11),
    (row = 27, col = 12), (row = 27, col = 13), (row = 27, col = 14), (row = 27, col = 15),
    (row = 27, col = 16), (row = 27, col = 17), (row = 27, col = 18), (row = 27, col = 19),
    (row = 27, col = 20), (row = 27, col = 21), (row = 27, col = 22), (row = 27, col = 23),
    (row = 27, col = 24), (row = 27, col = 25), (row = 27, col = 26), (row = 27, col = 27)
];
const table28 :List(Cell) = [
    (row = 28, col = 0), (row = 28, col = 1), (row = 28, col = 2), (row = 28, col = 3),
    (row = 28, col = 4), (row = 28, col = 5), (row = 28, col = 6), (row = 28, col = 7),
    (row = 28, col = 8), (row = 28, col = 9), (row = 28, col = 10), (row = 28, col = 11),
    (row = 28, col = 12), (row = 28, col = 13), (row = 28, col = 14), (row = 28, col = 15),
    (row = 28, col = 16), (row = 28, col = 17), (row = 28, col = 18), (row = 28, col = 19),
    (row = 28, col = 20), (row = 28, col = 21), (row = 28, col = 22), (row = 28, col = 23),
    (row = 28, col = 24), (row = 28, col = 25), (row = 28, col = 26), (row = 28, col = 27),
    (row = 28, col = 28)
];
const table29 :List(Cell) = [
    (row = 29, col = 0), (row = 29, col = 1), (row = 29, col = 2), (row = 29, col = 3),
    (row = 29, col = 4), (row = 29, col = 5), (row = 29, col = 6), (row = 29, col = 7),
    (row = 29, col = 8), (row = 29, col = 9), (row = 29, col = 10), (row = 29, col = 11),
    (row = 29, col = 12), (row = 29, col = 13), (row = 29, col = 14), (row = 29, col = 15),
    (row = 29, col = 16), (row = 29, col = 17), (row = 29, col = 18), (row = 29, col = 19),
    (row = 29, col = 20), (row = 29, col = 21), (row = 29, col = 22), (row = 29, col = 23),
    (row = 29, col = 24), (row = 29, col = 25), (row = 29, col = 26), (row = 29, col = 27),
    (row = 29, col = 28), (row = 29, col = 29)
];
