// The driver of a harness in builds without libFuzzer: runs LLVMFuzzerTestOneInput once over
// every file named on the command line, folders taken whole (in name order), so that each
// committed corpus is a quick CTest test of the normal build. An input that breaks an
// invariant aborts, and the test fails with the harness's message.

#include "fuzzsupport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        std::error_code error;
        if (fs::is_directory(arg, error)) {
            for (const fs::directory_entry &entry : fs::recursive_directory_iterator(arg)) {
                if (entry.is_regular_file())
                    inputs.push_back(entry.path());
            }
        } else if (fs::is_regular_file(arg, error)) {
            inputs.push_back(arg);
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
            return 2;
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "usage: %s FILE_OR_FOLDER... (no inputs found)\n",
            argc > 0 ? argv[0] : "replay");
        return 2;
    }
    for (const fs::path &path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::vector<char> bytes { std::istreambuf_iterator<char>(in),
            std::istreambuf_iterator<char>() };
        if (!in.good() && !in.eof()) {
            std::fprintf(stderr, "%s: cannot be read\n", path.string().c_str());
            return 2;
        }
        // An allocation of exactly the input's size, as libFuzzer makes, so a read past the
        // end lands outside it; never a null pointer, even for an empty file.
        std::vector<uint8_t> data(bytes.begin(), bytes.end());
        data.shrink_to_fit();
        const uint8_t empty = 0;
        std::fprintf(stderr, "%s\n", path.string().c_str());
        LLVMFuzzerTestOneInput(data.empty() ? &empty : data.data(), data.size());
    }
    std::printf("%zu inputs run, no invariant broken\n", inputs.size());
    return 0;
}
