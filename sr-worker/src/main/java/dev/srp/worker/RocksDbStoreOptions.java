package dev.srp.worker;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings of the worker's state stores. RocksDB dumps and persists its statistics from a timer thread of its
 * own, the first time a few seconds after each store opens (its schedule staggers stores by a second each), and
 * nothing of srp reads them. A process that exits while a store is open (Ctrl-C during a run) can have that thread
 * read RocksDB's static tables after the exit began tearing them down: the JVM died with SIGSEGV in
 * {@code DBImpl::DumpStats}, exit status 134 instead of 130. With both periods at 0 the timer never runs them.
 */
public final class RocksDbStoreOptions implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setStatsDumpPeriodSec(0);
        options.setStatsPersistPeriodSec(0);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated
    }
}
