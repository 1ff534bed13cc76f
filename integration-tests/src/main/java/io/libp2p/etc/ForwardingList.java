package io.libp2p.etc;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * The list half of the broadcast handlers: every {@link List} method forwards to {@link #handlers}
 * (what jvm-libp2p gets from Kotlin's {@code by} delegation). Methods whose erased signature names
 * the element type stay in the subclasses, so their JVM descriptors match jvm-libp2p's.
 */
abstract class ForwardingList<E> implements List<E> {
    final List<E> handlers;

    ForwardingList(List<E> handlers) {
        this.handlers = handlers;
    }

    @Override
    public int size() {
        return handlers.size();
    }

    @Override
    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return handlers.contains(o);
    }

    @Override
    public Iterator<E> iterator() {
        return handlers.iterator();
    }

    @Override
    public Object[] toArray() {
        return handlers.toArray();
    }

    @Override
    public <A> A[] toArray(A[] a) {
        return handlers.toArray(a);
    }

    @Override
    public boolean remove(Object o) {
        return handlers.remove(o);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return handlers.containsAll(c);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return handlers.addAll(c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return handlers.addAll(index, c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return handlers.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return handlers.retainAll(c);
    }

    @Override
    public void clear() {
        handlers.clear();
    }

    @Override
    public int indexOf(Object o) {
        return handlers.indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return handlers.lastIndexOf(o);
    }

    @Override
    public ListIterator<E> listIterator() {
        return handlers.listIterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return handlers.listIterator(index);
    }

    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return handlers.subList(fromIndex, toIndex);
    }

    @Override
    public boolean equals(Object o) {
        return handlers.equals(o);
    }

    @Override
    public int hashCode() {
        return handlers.hashCode();
    }
}
