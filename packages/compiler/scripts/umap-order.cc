// Prints the iteration order of a libstdc++ std::unordered_map<uint64_t, int> after inserting
// 3000 keys from a fixed linear congruential sequence (some repeated). Regenerates
// test/fixtures/umap-order.txt: g++ -O1 -o umap umap-order.cc && ./umap > ../test/fixtures/umap-order.txt
#include <cstdint>
#include <cstdio>
#include <unordered_map>

int main() {
  std::unordered_map<uint64_t, int> map;
  uint64_t x = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 3000; i++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t key = (i % 7 == 3) ? (x >> 48) : (x | (1ull << 63));  // small keys collide more
    map.insert({key, i});
  }
  for (auto& e : map) printf("%llu\n", (unsigned long long)e.first);
}
