package io.runnel.client.jndi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.TreeMap;

import javax.naming.Binding;
import javax.naming.CompoundName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only, in-memory JNDI context: lookups and listings of a fixed set of bindings. Every change
 * (bind, rebind, unbind, rename, subcontexts) throws {@link OperationNotSupportedException}. A name is one string;
 * a {@link Name} with several components is joined with "/".
 *
 * <p>Thread-safe: the bindings never change; the environment is a {@link Hashtable}.
 */
final class ReadOnlyContext implements Context {

    private static final Properties FLAT_SYNTAX = new Properties();

    static {
        FLAT_SYNTAX.put("jndi.syntax.direction", "flat");
    }

    private static final NameParser PARSER = name -> new CompoundName(name, FLAT_SYNTAX);

    private final Hashtable<Object, Object> environment;
    private final Map<String, Object> bindings;

    ReadOnlyContext(Hashtable<Object, Object> environment, Map<String, Object> bindings) {
        this.environment = new Hashtable<>(environment);
        this.bindings = new TreeMap<>(bindings);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(join(name));
    }

    @Override
    public Object lookup(String name) throws NamingException {
        if (name == null || name.isEmpty()) {
            return new ReadOnlyContext(environment, bindings);
        }
        Object bound = bindings.get(name);
        if (bound == null) {
            throw new NameNotFoundException("'" + name + "' is not bound; bound names are " + bindings.keySet());
        }
        return bound;
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(join(name));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        checkListable(name);
        List<NameClassPair> pairs = new ArrayList<>();
        bindings.forEach((key, value) -> pairs.add(new NameClassPair(key, value.getClass().getName())));
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(join(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        checkListable(name);
        List<Binding> list = new ArrayList<>();
        bindings.forEach((key, value) -> list.add(new Binding(key, value)));
        return new ListEnumeration<>(list);
    }

    private void checkListable(String name) throws NamingException {
        if (name != null && !name.isEmpty()) {
            lookup(name); // NameNotFoundException if unbound
            throw new NotContextException("'" + name + "' is not a context");
        }
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        composed.addAll(name);
        return composed;
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    private static String join(Name name) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < name.size(); i++) {
            parts.add(name.get(i));
        }
        return String.join("/", parts);
    }

    private static OperationNotSupportedException readOnly() {
        return new OperationNotSupportedException("the Runnel JNDI context is read-only; define entries in the "
                + "environment or jndi.properties");
    }

    /** A naming enumeration over a list. Not thread-safe; used by one caller. */
    private static final class ListEnumeration<T> implements NamingEnumeration<T> {

        private final Iterator<T> iterator;

        ListEnumeration(List<T> items) {
            this.iterator = items.iterator();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return iterator.hasNext();
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public boolean hasMoreElements() {
            return iterator.hasNext();
        }

        @Override
        public T nextElement() {
            if (!iterator.hasNext()) {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }
    }
}
